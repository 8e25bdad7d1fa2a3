/// Why a TTPoE receiver drops a frame.
///
/// The order of the cases is a contract with the hardware: its RX parser keeps one
/// drop counter per reason, counter `i` counting `TTPDropReason(rawValue: i)`:
///
/// | index | reason | rule |
/// |---|---|---|
/// | 0 | `badFCS` | the MAC flagged the frame bad (AXI-Stream `tuser` on the last beat) |
/// | 1 | `wrongEtherType` | bytes 12..13 differ from the configured EtherType |
/// | 2 | `wrongDestination` | bytes 0..5 differ from the local MAC |
/// | 3 | `tooShort` | fewer than 60 bytes (the whole header) |
/// | 4 | `badHeaderLength` | TTH tthl (low nibble of byte 14) is not 5 |
/// | 5 | `badLength` | TSH length < 26, or TSH length != TTH length - 20, or the payload runs past the frame end, or (given a `maxPayload`) is longer than it |
/// | 6 | `badOpcode` | byte 42 bits 5..0 are not one of the 11 opcodes |
///
/// When several rules fail, the first in this order is the reason. A rule that
/// needs bytes the frame does not have passes, and `tooShort` then catches the
/// frame: a 40-byte ARP frame is `wrongEtherType`, a 40-byte TTPoE frame is `tooShort`.
///
/// `badFCS` is a flag on the bus, not a property of the bytes, so
/// `TTPFrame.decode` never returns it; it is here so the counter order is complete.
public enum TTPDropReason: Int, CaseIterable, Error, Sendable, CustomStringConvertible {
    case badFCS = 0
    case wrongEtherType = 1
    case wrongDestination = 2
    case tooShort = 3
    case badHeaderLength = 4
    case badLength = 5
    case badOpcode = 6

    public var description: String {
        switch self {
        case .badFCS: return "badFCS"
        case .wrongEtherType: return "wrongEtherType"
        case .wrongDestination: return "wrongDestination"
        case .tooShort: return "tooShort"
        case .badHeaderLength: return "badHeaderLength"
        case .badLength: return "badLength"
        case .badOpcode: return "badOpcode"
        }
    }
}
