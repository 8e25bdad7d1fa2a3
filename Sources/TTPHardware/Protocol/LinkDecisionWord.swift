import HDL

/// What the decision stage decides for one event, packed: the response
/// (opcode and where its IDs come from), the next state (one-hot), the
/// context updates, the link event to report and the payload's fate.
public struct LinkDecisionWord: PackedStruct {
    public var respond = Field(1)
    public var opcode = Field(4)
    public var txSource = Field(3)
    public var rxSource = Field(3)
    public var next = Field(LinkState.width)
    /// The lookahead entry of the state left (`DecisionLookahead.entry`)
    /// with both bits 0, and whether that state uses `x` / `y`: constants of
    /// the row, so the next event's entry needs no encoder after the table.
    public var nextEntry = Field(DecisionLookahead.entryBits)
    public var nextUsesX = Field(1)
    public var nextUsesY = Field(1)
    /// Last in-order RxID := the event's TxID.
    public var setRx = Field(1)
    /// A `TxUpdate`.
    public var txUpdate = Field(2)
    /// The NACK mark after the event: set, or kept as it was (neither: 0,
    /// which is also what a freed link leaves). Kept apart, so the mark the
    /// event found is applied after the table, not as one of its inputs.
    public var nackSet = Field(1)
    public var nackKeeps = Field(1)
    /// The event changes a way: it is on a live link, or it makes one.
    public var writes = Field(1)
    public var report = Field(1)
    /// A `LinkEventKind`.
    public var reportKind = Field(2)
    public var deliver = Field(1)
    /// A command to the replay lists, and its `ReplayCommandKind`.
    public var replay = Field(1)
    public var replayKind = Field(3)

    public init() {}

    /// The word a row decides, as constant bits (the table's encoding of one row).
    static func encoding(of row: LinkRow) -> BitVector {
        let fields: [(WritableKeyPath<Self, Field>, UInt64)] = [
            (\.respond, row.response == nil ? 0 : 1),
            (\.opcode, UInt64(row.response?.opcode.opcode ?? 0)),
            (\.txSource, UInt64(row.response?.tx.rawValue ?? 0)),
            (\.rxSource, UInt64(row.response?.rx.rawValue ?? 0)),
            (\.next, row.next.code.low64),
            (\.nextEntry, UInt64(DecisionLookahead.entry(state: row.next, x: 0, y: 0))),
            (\.nextUsesX, DecisionLookahead.usesX(row.next) ? 1 : 0),
            (\.nextUsesY, DecisionLookahead.usesY(row.next) ? 1 : 0),
            (\.setRx, UInt64(row.lastRx.rawValue)),
            (\.txUpdate, UInt64(row.lastTx.rawValue)),
            (\.writes, row.state == .closed && row.next == .closed ? 0 : 1),
            (\.nackSet, row.next != .closed && row.nack == .set ? 1 : 0),
            (\.nackKeeps, row.next != .closed && row.nack == .keep ? 1 : 0),
            (\.report, row.report == nil ? 0 : 1),
            (\.reportKind, UInt64(row.report?.rawValue ?? 0)),
            (\.deliver, row.deliver ? 1 : 0),
            (\.replay, row.replay == nil ? 0 : 1),
            (\.replayKind, UInt64(row.replay?.rawValue ?? 0)),
        ]
        return constant(fields)
    }
}
