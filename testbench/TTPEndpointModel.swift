/// What one input does at the endpoint: the link's `TTPLinkStep` with its
/// response as a whole frame, ready to compare with a frame decoded from `net_tx`.
public struct TTPLinkOutcome: Hashable, Sendable, CustomStringConvertible {
    /// The link: (peer MAC, vc), as on `evt_mac` / `evt_vc`.
    public var mac: MACAddress
    public var vc: UInt8
    /// The frame sent back: to the peer, from the local MAC, on the link's vc, no payload.
    public var response: TTPFrame?
    public var event: TTPLinkEventKind?
    /// The PAYLOAD's bytes go to the host.
    public var deliver: Bool
    public var allocated: Bool
    public var freed: Bool

    public var description: String {
        var parts = ["\(mac) vc \(vc):", response.map { "\($0)" } ?? "no response"]
        if let event { parts.append("event \(event)") }
        if deliver { parts.append("deliver") }
        if allocated { parts.append("allocated") }
        if freed { parts.append("freed") }
        return parts.joined(separator: " ")
    }

    /// No response, no event, nothing changed on the link (mac, vc).
    public static func unchanged(mac: MACAddress, vc: UInt8) -> TTPLinkOutcome {
        TTPLinkOutcome(mac: mac, vc: vc, response: nil, event: nil, deliver: false, allocated: false, freed: false)
    }
}

/// The reference model of a whole endpoint's links: one `TTPLinkModel` per
/// (peer MAC, vc), held in a 2-way set-associative link table, so tests can
/// predict which OPEN finds "no available ways" (spec 3.1, RX CLOSED row).
///
/// The table has `sets = max(2, nextPowerOfTwo(links) / 2)` sets of 2 ways.
/// A link's set is the XOR fold of its 56-bit key `(mac << 8) | vc`; a new
/// link takes way 0 of its set if free, else way 1, else there is no slot.
/// A freed link's slot is free at once.
public struct TTPEndpointModel: Sendable {
    private struct Entry: Sendable {
        var mac: MACAddress
        var vc: UInt8
        var link: TTPLinkModel
    }

    /// Ways per set.
    public static let ways = 2

    /// This endpoint's MAC (`cfg_local_mac`): the source of every response;
    /// frames to another destination are dropped (ENDPOINT.md).
    public let localMAC: MACAddress
    public let etherType: UInt16
    /// The TxID of our own OPENs.
    public let cfgOpenID: UInt32
    /// Sets in the link table.
    public let sets: Int
    /// `table[set][way]`.
    private var table: [[Entry?]]

    /// - Parameters:
    ///   - links: the `--links` parameter; the table has `2 * sets` slots.
    ///   - localMAC: the endpoint's MAC.
    ///   - cfgOpenID: the TxID of the OPENs this endpoint sends.
    public init(links: Int, localMAC: MACAddress, cfgOpenID: UInt32 = 1,
                etherType: UInt16 = TTPFrame.defaultEtherType) {
        self.localMAC = localMAC
        self.etherType = etherType
        self.cfgOpenID = cfgOpenID
        self.sets = Self.sets(links: links)
        self.table = Array(repeating: Array(repeating: nil, count: Self.ways), count: sets)
    }

    /// Slots in the table (every one in use when all sets are full).
    public var capacity: Int { sets * Self.ways }

    /// Links that exist now.
    public var linkCount: Int { table.joined().compactMap { $0 }.count }

    // MARK: - Table geometry

    /// `max(2, nextPowerOfTwo(links) / 2)`.
    public static func sets(links: Int) -> Int {
        precondition(links >= 1, "an endpoint holds at least one link")
        var power = 1
        while power < links { power *= 2 }
        return max(2, power / 2)
    }

    /// The set of the link (mac, vc) in a table of `sets` sets (a power of
    /// two): the key `(mac << 8) | vc` cut into log2(sets)-bit chunks from
    /// bit 0 (the last zero-padded), all XORed together.
    public static func set(of mac: UInt64, vc: UInt8, sets: Int) -> Int {
        precondition(sets >= 2 && sets & (sets - 1) == 0, "sets must be a power of two, at least 2")
        precondition(mac >> 48 == 0, "a MAC address has 48 bits")
        let setBits = sets.trailingZeroBitCount
        let key = mac << 8 | UInt64(vc)
        var fold: UInt64 = 0
        for chunk in stride(from: 0, to: 56, by: setBits) {
            fold ^= (key >> UInt64(chunk)) & UInt64(sets - 1)
        }
        return Int(fold)
    }

    /// The set of (mac, vc) in this table.
    public func set(of mac: MACAddress, vc: UInt8) -> Int {
        Self.set(of: mac.uint64, vc: vc, sets: sets)
    }

    // MARK: - Links

    /// The link (mac, vc), or nil if it does not exist.
    public func link(mac: MACAddress, vc: UInt8) -> TTPLinkModel? {
        slot(mac: mac, vc: vc).map { table[$0.set][$0.way]!.link }
    }

    /// The way that holds the link (mac, vc), or nil if it does not exist.
    public func way(mac: MACAddress, vc: UInt8) -> Int? {
        slot(mac: mac, vc: vc)?.way
    }

    private func slot(mac: MACAddress, vc: UInt8) -> (set: Int, way: Int)? {
        let set = set(of: mac, vc: vc)
        guard let way = table[set].firstIndex(where: { $0?.mac == mac && $0?.vc == vc }) else { return nil }
        return (set, way)
    }

    // MARK: - Inputs

    /// The endpoint's answer to `frame`, a frame that passed the receive rules
    /// (`TTPFrame.decode`), on the link (frame.source, frame.vc). `stored`:
    /// its payload found room; a 0-byte payload always counts as stored.
    public mutating func receive(_ frame: TTPFrame, stored: Bool = true) -> TTPLinkOutcome {
        guard frame.destination == localMAC else {  // ENDPOINT.md cfg_local_mac: dropped
            return TTPLinkOutcome(mac: frame.source, vc: frame.vc, response: nil, event: nil,
                                  deliver: false, allocated: false, freed: false)
        }
        return apply(mac: frame.source, vc: frame.vc) { link, slotFree in
            link.receive(frame.opcode, txID: frame.txID, rxID: frame.rxID,
                         stored: stored || frame.payload.isEmpty, slotFree: slotFree)
        }
    }

    /// The endpoint's answer to a host command on the link (mac, vc).
    public mutating func command(_ command: TTPLinkCommand, mac: MACAddress, vc: UInt8) -> TTPLinkOutcome {
        apply(mac: mac, vc: vc) { link, slotFree in link.command(command, slotFree: slotFree) }
    }

    /// `command(open ? .open : .close, mac:vc:)`.
    public mutating func command(open: Bool, mac: MACAddress, vc: UInt8) -> TTPLinkOutcome {
        command(open ? .open : .close, mac: mac, vc: vc)
    }

    /// Runs `input` on the link (mac, vc), a closed one if it does not exist,
    /// and keeps the table in step: an allocated link takes the first free
    /// way of its set, a freed one leaves its slot empty.
    private mutating func apply(
        mac: MACAddress, vc: UInt8, _ input: (inout TTPLinkModel, Bool) -> TTPLinkStep
    ) -> TTPLinkOutcome {
        let set = set(of: mac, vc: vc)
        let existing = slot(mac: mac, vc: vc)?.way
        let freeWay = table[set].firstIndex { $0 == nil }
        var link = existing.map { table[set][$0]!.link } ?? TTPLinkModel(cfgOpenID: cfgOpenID)
        let step = input(&link, existing != nil || freeWay != nil)
        if let way = existing ?? (step.allocated ? freeWay : nil) {
            table[set][way] = link.exists ? Entry(mac: mac, vc: vc, link: link) : nil
        }
        let response = step.response.map {
            TTPFrame(destination: mac, source: localMAC, etherType: etherType, opcode: $0.opcode, vc: vc,
                     txID: $0.txID, rxID: $0.rxID)
        }
        return TTPLinkOutcome(mac: mac, vc: vc, response: response, event: step.event, deliver: step.deliver,
                              allocated: step.allocated, freed: step.freed)
    }
}
