import HDL

/// What the link engine processes: a received frame (by opcode, the raw
/// values are the wire encodings) or a local command (`cmd_op`). One-hot
/// in the pipeline, so a decision term tests one bit.
public enum LinkEvent: Int, CaseIterable, Sendable {
    case open = 0, openAck, openNack, close, closeAck, closeNack, payload, ack, nack, nackFull, nackNoLink
    /// `cmd_op` = 0: open the link.
    case localOpen
    /// `cmd_op` = 1: close the link.
    case localClose
    /// The replay lists send a held PAYLOAD (its TxID, slot and length;
    /// `LinkFlag.fresh`: the first time that ID goes out).
    case send
    /// The host handed over a payload, now in a replay slot (its slot and length).
    case hostPayload

    /// Bits of the one-hot event vector.
    public static let count = allCases.count

    /// Bits of an event's number (`rawValue`), as the decision takes it.
    public static let codeBits = 4
    /// The number that stands for no event: no row of the table matches it.
    public static let noEvent = (1 << codeBits) - 1

    /// The spec's name (`PAYLOAD`, `NACK_NOLINK`) or the command (`open command`).
    public var specName: String {
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
        case .localOpen: return "open command"
        case .localClose: return "close command"
        case .send: return "send"
        case .hostPayload: return "host payload"
        }
    }

    /// The opcode a response of this kind carries on the wire (for frames the engine sends).
    public var opcode: Int { rawValue }

    /// Some row of `StateTable` answers this event (a received OPEN, CLOSE
    /// or PAYLOAD, an open or close command, a send, a host payload that
    /// opens its link), so it needs room on the response path before it may
    /// change anything. Read off the table, so the two cannot disagree.
    public var mayRespond: Bool { StateTable.rows.contains { $0.event == self && $0.response != nil } }

    /// Some row reports a link event (`evt_*`) for this event.
    public var mayReport: Bool { StateTable.rows.contains { $0.event == self && $0.report != nil } }

    /// Some row gives the replay lists a command (`ReplayCommandKind`) for
    /// this event: it acknowledges what we sent, opens or frees a link, or
    /// is a host payload.
    public var mayCommandReplay: Bool { StateTable.rows.contains { $0.event == self && $0.replay != nil } }
}

/// `evt_kind` values (ENDPOINT.md).
public enum LinkEventKind: Int, CaseIterable, Sendable {
    case opened = 0, closed, openRefused, linkFailed
}
