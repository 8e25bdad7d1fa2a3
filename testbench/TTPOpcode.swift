/// The TTP opcodes (spec rev 2.0, sections 3 to 5), carried in the low 6 bits of
/// byte 42 of a TTPoE frame. Raw values are the wire encodings.
public enum TTPOpcode: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    case open = 0x00
    case openAck = 0x01
    case openNack = 0x02
    case close = 0x03
    case closeAck = 0x04
    case closeNack = 0x05
    case payload = 0x06
    case ack = 0x07
    case nack = 0x08
    case nackFull = 0x09
    case nackNoLink = 0x0A

    /// The spec's name without the `TTP_` prefix, e.g. `OPEN_ACK`, `NACK_NOLINK`.
    public var mnemonic: String {
        switch self {
        case .open: return "OPEN"
        case .openAck: return "OPEN_ACK"
        case .openNack: return "OPEN_NACK"
        case .close: return "CLOSE"
        case .closeAck: return "CLOSE_ACK"
        case .closeNack: return "CLOSE_NACK"
        case .payload: return "PAYLOAD"
        case .ack: return "ACK"
        case .nack: return "NACK"
        case .nackFull: return "NACK_FULL"
        case .nackNoLink: return "NACK_NOLINK"
        }
    }

    public var description: String { mnemonic }
}
