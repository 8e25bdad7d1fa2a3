/// The state of one TTP link, as the "Local LINK State" columns of the spec's
/// tables name them (TTPoE spec rev 2.0, sections 3 to 5).
///
/// `closed` is also the state of a link that does not exist: in this model a
/// link that reaches CLOSED is freed at once (no TIME_WAIT), so its table slot
/// can be reused by the next OPEN.
public enum TTPLinkState: CaseIterable, Sendable, CustomStringConvertible {
    case closed
    /// We sent OPEN and wait for OPEN_ACK (spec 3.1, TX).
    case openSent
    /// Both sides sent OPEN ("passing ships", spec 3.1 assumption 4); we wait for OPEN_ACK.
    case openRecd
    case open
    /// We sent CLOSE and wait for CLOSE_ACK (spec 4.1, TX).
    case closeSent
    /// We answered a peer's CLOSE with CLOSE_NACK: PAYLOADs are still in flight (spec 4.1, RX).
    case closeRecd

    /// The spec's name, e.g. `OPEN_SENT`.
    public var description: String {
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

/// A link event for the host, with the encodings of `evt_kind` in
/// `/work/shared/design/ENDPOINT.md`.
public enum TTPLinkEventKind: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    case opened = 0
    case closed = 1
    case openRefused = 2
    /// Retries exhausted or NACK_NOLINK received.
    case linkFailed = 3

    public var description: String {
        switch self {
        case .opened: return "opened"
        case .closed: return "closed"
        case .openRefused: return "openRefused"
        case .linkFailed: return "linkFailed"
        }
    }
}

/// A host command on a link, with the encodings of `cmd_op` in ENDPOINT.md.
public enum TTPLinkCommand: UInt8, CaseIterable, Sendable {
    case open = 0
    case close = 1
}
