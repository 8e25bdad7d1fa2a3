import HDL

/// `ttp_decision_lookahead`: `StateTable` for one event, worked out a cycle
/// ahead for every state its link may be in and both values of two bits, so
/// the decision itself, which must wait for the event just ahead, is only a
/// choice among 24 flopped words (`choose`): the state-table logic stays out
/// of the pipeline's one-cycle loop.
///
/// The two bits stand for the flags the event just ahead may change, by kind
/// of event:
/// - PAYLOAD: `x` = the event ahead set the last in-order RxID (so the
///   comparisons against its TxID hold); `y` = the NACK mark.
/// - CLOSE: `x` = the event ahead set our last TxID; `y` = to our open ID
///   rather than to its TxID.
/// - OPEN and the open command: `x` = a way is free.
/// Other events use no flag. Each of the 24 lookups is a `LinkDecision`
/// with its state, free way and NACK mark fixed: each bit a function of the
/// event's number and its three flags, which are one of three vectors
/// (`eventFlags`), by where `x` and `y` say they come from.
///
/// Beside each decision it works out the entry's `LoopWord` for the event
/// one stage behind (`behind*`), so the flops the next decision takes are
/// chosen with the decision.
public final class DecisionLookahead: Module {
    /// The event's number (`LinkEvent.noEvent`: none, every word zero), in
    /// `copies` copies, each for a share of the lookups (fewer loads a wire).
    public let eventCode: [Input]
    /// The event's flags (`LinkFlag.eventFlag(for:)`) for the lookups with
    /// `x` = 0 (against the link as the events ahead leave it), with `x` = 1
    /// and `y` = 0 (a PAYLOAD's against the TxID of the event just ahead,
    /// which set our last RxID; a CLOSE's against that TxID, set as our last
    /// TxID), and with both 1 (a CLOSE's against our open ID, set as our
    /// last TxID); each in `copies` copies like `eventCode`.
    public let eventFlags: [[Input]]
    /// The event behind is for the same link / set, and its one-hot kind is
    /// PAYLOAD / CLOSE.
    public let behindSameKey = Input(1)
    public let behindSameSet = Input(1)
    public let behindPayload = Input(1)
    public let behindClose = Input(1)
    public let decisions: [Output]
    public let loopWords: [Output]

    let lookups: [LinkDecision]

    /// 6 states x 2 x 2.
    public static let entries = LinkState.allCases.count * 4

    /// The word for the link in `state` (by index) with the two bits `x`, `y`.
    public static func entry(state: Int, x: Int, y: Int) -> Int { state * 4 + y * 2 + x }

    /// Copies of the inputs: one for the lookups with `x` = 0, one for those with `x` = 1.
    public static let copies = 2

    public init() {
        eventCode = (0..<Self.copies).map { _ in Input(LinkEvent.codeBits) }
        eventFlags = (0..<Self.copies).map { _ in (0..<3).map { _ in Input(LinkFlag.eventFlagCount) } }
        decisions = (0..<Self.entries).map { _ in Output(LinkDecisionWord.width) }
        loopWords = (0..<Self.entries).map { _ in Output(LoopWord.width) }
        lookups = (0..<Self.entries).map { _ in LinkDecision() }
    }

    public var moduleName: String { "ttp_decision_lookahead" }

    public var body: Logic {
        for state in LinkState.allCases {
            for y in 0...1 {
                for x in 0...1 {
                    let index = Self.entry(state: state.index, x: x, y: y)
                    let lookup = lookups[index]
                    let copy = index % Self.copies
                    lookup.eventCode <== eventCode[copy]
                    lookup.state <== state.bits
                    lookup.canAllocate <== lit(UInt64(x), 1)
                    lookup.nackMarked <== lit(UInt64(y), 1)
                    lookup.eventFlags <== eventFlags[copy][x == 0 ? 0 : y == 0 ? 1 : 2]
                    decisions[index] <== lookup.decision
                    loopWords[index] <== loopWord(Packed(lookup.decision))
                }
            }
        }
    }

    /// What decision `d` means for the event behind (`LoopWord`).
    private func loopWord(_ d: Packed<LinkDecisionWord>) -> Bits {
        let follows = behindSameKey && d.writes
        let setsOpenID = d.txUpdate == TxUpdate.openID.rawValue
        let nackIfMarked = d.nackSet || d.nackKeeps
        let setsTx = d.txUpdate != TxUpdate.keep.rawValue
        return Packed<LoopWord>.pack {
            $0.follows = follows
            $0.nextIndex = d.nextIndex
            $0.nackIfMarked = nackIfMarked
            $0.nackIfClear = d.nackSet
            $0.yFromBefore = behindPayload && !follows
            $0.yIfMarked = mux(behindPayload, follows && nackIfMarked, setsOpenID)
            $0.yIfClear = mux(behindPayload, follows && d.nackSet, setsOpenID)
            $0.xIfNotOpen = follows && mux(behindPayload, d.setRx, setsTx)
            $0.changesSet = behindSameSet && d.writes && !(behindPayload || behindClose)
            $0.leavesFree = d.next[LinkState.closed.index]
        }.bits
    }

    /// The decision among `words` (the flopped `decisions`) for the link in
    /// the state with index `state` and the bits `x`, `y`: the entry whose
    /// number is {state, y, x}, a tree of 2:1 muxes that synthesis packs into
    /// wide LUTs (two levels for 24 words). `indexCopies` holds that 5-bit
    /// number several times; each copy selects one slice of the word's bits,
    /// so no select bit drives every bit.
    public static func choose(_ words: [Bits], indexCopies: [Bits]) -> Bits {
        precondition(indexCopies.allSatisfy { $0.width == LoopWord.stateIndexBits + 2 }, "{state, y, x}")
        return select(words, atCopies: indexCopies)
    }
}
