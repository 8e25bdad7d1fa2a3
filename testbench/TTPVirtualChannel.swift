/// The virtual channels named by the spec (rev 1.1 / 1.6), carried in byte 43.
///
/// `TTPFrame.vc` stays a plain `UInt8` so frames with other channel numbers can
/// still be built and decoded; this type only names the three defined ones.
public enum TTPVirtualChannel: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    /// Low-priority requests, sent within the header beat.
    case requestLow = 0
    /// High-priority requests, sent within the header beat.
    case requestHigh = 1
    /// Data payloads of 1 to 16 beats.
    case data = 2

    /// The name the dissector shows: `REQ_LO`, `REQ_HI` or `DATA`.
    public var name: String {
        switch self {
        case .requestLow: return "REQ_LO"
        case .requestHigh: return "REQ_HI"
        case .data: return "DATA"
        }
    }

    public var description: String { name }
}
