import HDL

/// What one decision means for the event just behind it in the pipeline,
/// worked out beside the decision for each `DecisionLookahead` entry, so
/// the pipeline's one loop (each decision needs the one just ahead) is a
/// choice among flopped words and one gate, and nothing more.
///
/// "Behind" is the event one stage behind; `follows` is whether it is for
/// the link this decision leaves in place (same key, and the decision
/// writes). Its lookahead entry (`DecisionLookahead.entry`) is then the
/// state this decision leaves, with `x` = `xIfFollows` and `y` = `yIf*` by
/// the NACK mark this decision found; otherwise it is the state the events
/// further ahead left, with `y` its NACK mark and `x` as `source` says.
public struct LoopWord: PackedStruct {
    /// The event behind is for this link, and this decision writes it.
    public var follows = Field(1)
    /// Where the entry of the event behind comes from: `fromThis` (it
    /// follows), else from the link as the events further ahead left it,
    /// with `x` = a way of its set is free (`xAnyFree`), `x` = 1 (`xFreed`:
    /// this decision freed a way of that set) or `x` = the way other than
    /// this decision's is free (`xOtherFree`).
    public var source = Field(2)
    /// The state this decision leaves, as its entry with both bits 0 and
    /// whether it uses them (`LinkDecisionWord.nextEntry`).
    public var nextEntry = Field(DecisionLookahead.entryBits)
    public var nextUsesX = Field(1)
    public var nextUsesY = Field(1)
    /// The bits of the entry of the event behind when it follows.
    public var xIfFollows = Field(1)
    public var yIfMarked = Field(1)
    public var yIfClear = Field(1)
    /// The NACK mark this decision leaves when it found it set / clear.
    public var nackIfMarked = Field(1)
    public var nackIfClear = Field(1)
    /// This decision writes a way of the behind event's set (which one is
    /// its way), and the event behind is one that may take a free way (not
    /// a PAYLOAD or a CLOSE, whose `x` means something else; only OPEN and
    /// the open command allocate).
    public var changesSet = Field(1)
    /// The way it writes is free after it.
    public var leavesFree = Field(1)

    /// `source` values.
    public static let fromThis: UInt64 = 0, xAnyFree: UInt64 = 1, xFreed: UInt64 = 2, xOtherFree: UInt64 = 3

    public init() {}
}

/// One entry's handover, made at the decision before the choice
/// (`LinkEngine.handOver`): whether the event behind follows, where its
/// entry comes from (`LoopWord.source`), the entry and NACK mark it finds
/// if it follows (with the mark this decision found applied), and what
/// this decision does to the free ways of the set.
public struct LoopHandover: PackedStruct {
    public var follows = Field(1)
    public var source = Field(2)
    public var entry = Field(DecisionLookahead.entryBits)
    public var nack = Field(1)
    public var changesSet = Field(1)
    public var leavesFree = Field(1)

    public init() {}
}
