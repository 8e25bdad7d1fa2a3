import HDL

/// The shape of the link table: `ways` (2) ways per set and a power-of-two
/// number of sets, at least 2, holding at least `--links` links. A key
/// (peer MAC, vc) lives in the set its hash names, in any way of it, so a
/// table with free ways elsewhere can still refuse a key whose set is full:
/// the price of lookup logic that does not grow with the table.
public struct LinkTableGeometry: Sendable, Equatable {
    public static let ways = 2
    public let sets: Int

    public init(links: Int) {
        var sets = 2
        while sets * Self.ways < links { sets *= 2 }
        self.sets = sets
    }

    public var setBits: Int { sets.trailingZeroBitCount }
    /// Links the table holds when no set overflows.
    public var capacity: Int { sets * Self.ways }

    /// The set of a key: the 56-bit key {MAC, vc} folded by XOR into
    /// `setBits`-bit chunks, lowest chunk first, the last one zero-padded.
    public func set(of key: Bits) -> Bits {
        let chunks = stride(from: 0, to: LinkKey.width, by: setBits).map { low in
            key.bits(min(LinkKey.width, low + setBits) - 1, low).zext(to: setBits)
        }
        return chunks.dropFirst().reduce(chunks[0]) { $0 ^ $1 }
    }

    /// The same fold in Swift, for test benches that pick colliding keys.
    public func set(mac: UInt64, vc: UInt8) -> Int {
        let key = mac << 8 | UInt64(vc), mask = UInt64(sets - 1)
        return stride(from: 0, to: LinkKey.width, by: setBits).reduce(0) { $0 ^ Int(key >> UInt64($1) & mask) }
    }
}
