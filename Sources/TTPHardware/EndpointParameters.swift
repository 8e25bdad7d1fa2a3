import HDL

/// The generator parameters every endpoint build accepts (the `ttp-gen` flags
/// of ENDPOINT.md), with their defaults and limits.
public struct EndpointParameters: Sendable, Equatable {
    /// AXI4-Stream data width in bits: 64, 128, 256 or 512.
    public var dataWidth = 64
    /// Links (peer MAC, vc) held at once.
    public var links = 64
    /// Replay memory slots, one payload each.
    public var replaySlots = 256
    /// Largest payload in bytes.
    public var maxPayload = 1024
    /// EtherType of TTPoE frames (IEEE-registered 0x9AC6).
    public var etherType: UInt16 = 0x9AC6
    /// Clock cycles between two steps of the timer scanner. The scanner visits
    /// one link per step, so a link's timer bit is looked at every
    /// `links * timerStep` cycles: 64 x 256 = 16,384 cycles, 55 us at 300 MHz.
    public var timerStep = 256
    /// TxID of the OPENs this endpoint sends (`--open-txid`); its first
    /// PAYLOAD on such a link is this + 1. A link the peer opens starts our
    /// IDs at the peer's OPEN TxID instead.
    public var openTxID: UInt32 = 1
    /// Name of the top module.
    public var topName = "ttp_endpoint"
    /// The cells block RAMs are built from (`--ram`).
    public var ram = RamTechnology.inferred

    public init() {}

    public static let dataWidths = [64, 128, 256, 512]
    public static let linkRange = 1...4096
    public static let replaySlotRange = 2...65536
    /// Up to a 9,000-byte jumbo frame less the 60 header bytes.
    public static let maxPayloadRange = 1...8940
    public static let timerStepRange = 1...1_000_000

    /// Bytes per bus beat.
    public var dataBytes: Int { dataWidth / 8 }

    /// Every problem with these values, as "flag: message", empty when valid.
    public var problems: [String] {
        var out: [String] = []
        if !Self.dataWidths.contains(dataWidth) {
            out.append("--data-width: \(dataWidth) is not one of 64, 128, 256, 512")
        }
        check(links, Self.linkRange, "--links", &out)
        check(replaySlots, Self.replaySlotRange, "--replay-slots", &out)
        check(maxPayload, Self.maxPayloadRange, "--max-payload", &out)
        check(timerStep, Self.timerStepRange, "--timer-step", &out)
        if etherType < 0x0600 {
            out.append("--ethertype: 0x\(String(etherType, radix: 16)) is below 0x0600, which switches read as an 802.3 length, not a type; use 0x0600...0xFFFF (TTPoE is 0x9AC6)")
        }
        return out
    }

    private func check(_ value: Int, _ range: ClosedRange<Int>, _ flag: String, _ out: inout [String]) {
        if !range.contains(value) {
            out.append("\(flag): \(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
    }
}
