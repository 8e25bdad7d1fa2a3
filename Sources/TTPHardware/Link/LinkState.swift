import HDL

/// The six link states of the spec (section 1). One-hot in the link table:
/// the decision logic tests one bit per state, and a way whose state is
/// `closed` is free (there is no separate valid bit: a link that reaches
/// CLOSED frees its way at once, with no TIME_WAIT).
public enum LinkState: HardwareEnum, Sendable {
    case closed, openSent, openRecd, open, closeSent, closeRecd

    public static var encoding: EnumEncoding { .oneHot }

    /// PAYLOADs are taken and sent (WIRE-FORMAT: OPEN, CLOSE_SENT, CLOSE_RECD).
    public var takesPayloads: Bool { [.open, .closeSent, .closeRecd].contains(self) }

    /// The spec's name, e.g. `OPEN_SENT`.
    public var specName: String {
        switch self {
        case .closed: return "CLOSED"
        case .openSent: return "OPEN_SENT"
        case .openRecd: return "OPEN_RECD"
        case .open: return "OPEN"
        case .closeSent: return "CLOSE_SENT"
        case .closeRecd: return "CLOSE_RECD"
        }
    }
}
