/// A 48-bit Ethernet MAC address, held as its six wire bytes.
///
/// As a `UInt64` the first byte on the wire sits in bits 47..40 and the last in
/// bits 7..0, so `MACAddress(0x98ED_5C00_0001)` prints as `98:ed:5c:00:00:01`.
public struct MACAddress: Hashable, Sendable, CustomStringConvertible {
    /// The six bytes in wire order (first byte sent first).
    public let bytes: [UInt8]

    /// Makes an address from its six wire bytes.
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 6, "a MAC address has 6 bytes, got \(bytes.count)")
        self.bytes = bytes
    }

    /// Makes an address from the low 48 bits of `value`; bits 47..40 are the first wire byte.
    public init(_ value: UInt64) {
        precondition(value >> 48 == 0, "a MAC address has 48 bits")
        self.bytes = (0..<6).map { UInt8(truncatingIfNeeded: value >> (40 - 8 * UInt64($0))) }
    }

    /// The address as a 48-bit number, first wire byte in bits 47..40.
    public var uint64: UInt64 {
        bytes.reduce(0) { ($0 << 8) | UInt64($1) }
    }

    /// The low three bytes (wire bytes 3..5): the TSH node ID derived from this address.
    public var nodeID: [UInt8] { Array(bytes[3..<6]) }

    /// Lower-case, colon-separated hex, e.g. `98:ed:5c:00:00:01`.
    public var description: String {
        bytes.map { hexByte($0) }.joined(separator: ":")
    }
}

/// Two lower-case hex digits for `byte`.
private func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
