/// One row of the link state machine: in `state`, on `event`, when every
/// flag of `condition` has the given value, answer with `response` (or
/// nothing), move to `next`, update the context, report a link event, and
/// deliver the payload or not. `section` names where the row comes from, so
/// the table can be read beside the spec's per-opcode tables.
public struct LinkRow: Sendable {
    public var state: LinkState
    public var event: LinkEvent
    public var condition: [LinkFlag: Bool]
    public var response: LinkResponse?
    public var next: LinkState
    public var lastRx: RxUpdate
    public var lastTx: TxUpdate
    public var nack: NackUpdate
    public var report: LinkEventKind?
    public var deliver: Bool
    /// What the replay lists are told (`ReplayCommandKind`): given by the
    /// row, or `flush` for every row that frees a link (its slots go back).
    public var replay: ReplayCommandKind?
    public var section: String

    /// The row as one line for the Verilog and for failure messages, e.g.
    /// `OPEN, PAYLOAD, in order, stored -> ACK(0, t), OPEN, deliver (WIRE-FORMAT receiver rules)`.
    public var summary: String {
        let given = LinkFlag.allCases.compactMap { flag in condition[flag].map { $0 ? flag.name : "not \(flag.name)" } }
        let answer = response.map { "\($0.opcodeName)(\($0.tx.name), \($0.rx.name))" } ?? "no answer"
        let extras = [next == state ? nil : next.specName, lastRx == .keep ? nil : "r = t",
                      lastTx.name, nack.name, report.map { "event \($0)" }, deliver ? "deliver" : nil,
                      replay.map { "replay \($0)" }]
        let when = given.isEmpty ? "" : ", " + given.joined(separator: ", ")
        return "\(state.specName), \(event.specName)\(when) -> " + ([answer] + extras.compactMap { $0 }).joined(separator: ", ")
            + " (\(section))"
    }
}

/// The facts a row's condition tests, computed by the pipeline before the decision.
public enum LinkFlag: Int, CaseIterable, Sendable, Hashable {
    /// The link's set has a free way (a new link can be made).
    case canAllocate
    /// PAYLOAD: its TxID t is not younger than the last in-order RxID r (already taken).
    case replay
    /// PAYLOAD: t == r + 1.
    case inOrder
    /// PAYLOAD: the payload found room in the RX buffer (or is empty).
    case stored
    /// A NACK is outstanding on the link.
    case nackMarked
    /// CLOSE: its RxID equals our last TxID (the peer has everything we sent).
    case closeMatch
    /// CLOSE: its RxID equals our last TxID or one more (spec 4.1 assumption 3).
    case closeMatchLoose
    /// send: the PAYLOAD's TxID goes out for the first time (it becomes our last TxID).
    case fresh
    /// close command: it comes from the replay lists, the link's list empty
    /// (everything sent acknowledged), not from the host.
    case drained

    public var name: String {
        switch self {
        case .canAllocate: return "free way"
        case .replay: return "t <= r"
        case .inOrder: return "t == r+1"
        case .stored: return "stored"
        case .nackMarked: return "NACK out"
        case .closeMatch: return "RxID == our TxID"
        case .closeMatchLoose: return "RxID == our TxID (+1)"
        case .fresh: return "first send"
        case .drained: return "drained"
        }
    }
}

/// Where an ID of a response comes from: zero, the event's TxID (`t`), our
/// last TxID, the last in-order RxID, or the configured ID of our own OPENs.
public enum IDSource: Int, CaseIterable, Sendable {
    case zero = 0, eventTx, lastTx, lastTxPlus1, lastRx, lastRxPlus1, openID

    public var name: String {
        ["0", "t", "our TxID", "our TxID+1", "r", "r+1", "open ID"][rawValue]
    }
}

/// A response frame: opcode (a `LinkEvent` opcode 0...10) and its IDs.
public struct LinkResponse: Sendable {
    public var opcode: LinkEvent
    public var tx: IDSource
    public var rx: IDSource
    public var opcodeName: String { opcode.specName }
}

/// The last in-order RxID: kept, or set to the event's TxID.
public enum RxUpdate: Int, Sendable { case keep = 0, eventTx }

/// Our last TxID: kept, set to the event's TxID (a peer-opened link starts
/// our IDs at its OPEN's TxID), or to the configured ID of our own OPENs.
public enum TxUpdate: Int, Sendable {
    case keep = 0, eventTx, openID
    var name: String? { [nil, "our TxID = t", "our TxID = open ID"][rawValue] }
}

/// The NACK-outstanding mark.
public enum NackUpdate: Int, Sendable {
    case keep = 0, set, clear
    var name: String? { [nil, "mark NACK", "clear NACK"][rawValue] }
}
