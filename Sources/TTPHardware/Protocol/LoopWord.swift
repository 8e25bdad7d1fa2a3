import HDL

/// What one decision means for the event just behind it in the pipeline,
/// worked out beside the decision for each `DecisionLookahead` entry, so
/// the pipeline's one loop (each decision needs the one just ahead) is a
/// choice among flopped words and one gate, and nothing more.
///
/// "Behind" is the event one stage behind; `follows` is whether it is for
/// the link this decision leaves in place (same key, and the decision
/// writes). Its lookup bits `x`, `y` (`DecisionLookahead`) come from the
/// `x*`/`y*` fields and, where the choice waits on values the loop makes,
/// the NACK mark the decision finds and the free ways of the set.
public struct LoopWord: PackedStruct {
    /// The event behind is for this link, and this decision writes it.
    public var follows = Field(1)
    /// The state this decision leaves, as its index (`LinkState.index`).
    public var nextIndex = Field(LoopWord.stateIndexBits)
    /// The NACK mark this decision leaves when it found it set / clear.
    public var nackIfMarked = Field(1)
    public var nackIfClear = Field(1)
    /// The event behind takes the NACK mark it finds before this one (it
    /// does not follow), not what this one leaves.
    public var yFromBefore = Field(1)
    /// Its `y` when this decision found the NACK mark set / clear (unless `yFromBefore`).
    public var yIfMarked = Field(1)
    public var yIfClear = Field(1)
    /// Its `x` when it is a PAYLOAD or a CLOSE (otherwise `x` is "a way is free").
    public var xIfNotOpen = Field(1)
    /// This decision writes a way of the behind event's set (which one is
    /// its way), and the event behind is one that may take a free way (not
    /// a PAYLOAD or a CLOSE, whose `x` means something else; only OPEN and
    /// the open command allocate).
    public var changesSet = Field(1)
    /// The way it writes is free after it.
    public var leavesFree = Field(1)

    public init() {}

    /// Bits of a state's index.
    public static let stateIndexBits = 3

    /// The index of a one-hot state (zero, like CLOSED, gives 0).
    public static func stateIndex(ofOneHot state: Bits) -> Bits {
        cat((0..<stateIndexBits).reversed().map { bit in
            let ones = (0..<LinkState.width).filter { $0 >> bit & 1 == 1 }.map { state[$0] }
            return ones.dropFirst().reduce(ones[0]) { $0 | $1 }
        })
    }
}

