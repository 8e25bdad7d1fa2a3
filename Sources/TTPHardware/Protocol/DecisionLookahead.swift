import HDL

/// `ttp_decision_lookahead`: `StateTable` for one event, worked out a cycle
/// ahead for every state its link may be in and the values of two bits the
/// state uses (`layout`), so the decision itself, which must wait for the
/// event just ahead, is only a choice among 16 flopped words (`choose`):
/// the state-table logic stays out of the pipeline's one-cycle loop.
///
/// The two bits stand for the flags the event just ahead may change, by kind
/// of event:
/// - PAYLOAD: `x` = the event ahead set the last in-order RxID (so the
///   comparisons against its TxID hold); `y` = the NACK mark.
/// - CLOSE: `x` = the event ahead set our last TxID; `y` = to our open ID
///   rather than to its TxID.
/// - OPEN and the open command: `x` = a way is free.
/// Other events use no flag. Each of the 16 lookups is a `LinkDecision`
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

    /// The entries: in CLOSED only `x` matters (a way is free, for OPEN and
    /// the open command), in OPEN_SENT and OPEN_RECD neither bit, in OPEN,
    /// CLOSE_SENT and CLOSE_RECD both (a PAYLOAD's or a CLOSE's flags, a
    /// PAYLOAD's NACK mark): 2 + 1 + 1 + 3 x 4 = 16, so the choice among them
    /// is a 16:1 multiplexer, one wide LUT on an FPGA. In entry order.
    public static let layout: [(state: LinkState, x: Int, y: Int)] =
        [(.closed, 0, 0), (.closed, 1, 0), (.openSent, 0, 0), (.openRecd, 0, 0)]
        + [LinkState.open, .closeSent, .closeRecd].flatMap { state in
            [(state, 0, 0), (state, 1, 0), (state, 0, 1), (state, 1, 1)]
        }

    public static var entries: Int { layout.count }
    /// Bits of an entry's number.
    public static let entryBits = 4

    /// The number of the entry for a link in `state` with the bits `x`, `y`
    /// (those the state does not use are ignored).
    public static func entry(state: LinkState, x: Int, y: Int) -> Int {
        switch state {
        case .closed: return x
        case .openSent: return 2
        case .openRecd: return 3
        case .open: return 4 + 2 * y + x
        case .closeSent: return 8 + 2 * y + x
        case .closeRecd: return 12 + 2 * y + x
        }
    }

    /// The state's entries differ by `x` (CLOSED and the three established
    /// states) / by `y` (the established states).
    public static func usesX(_ state: LinkState) -> Bool { entry(state: state, x: 1, y: 0) != entry(state: state, x: 0, y: 0) }
    public static func usesY(_ state: LinkState) -> Bool { entry(state: state, x: 0, y: 1) != entry(state: state, x: 0, y: 0) }

    /// The entry of a state whose entry with both bits 0 is `base`, with
    /// the bits it uses (`usesX`, `usesY`) set as given: the bits sit at
    /// the bottom of the entry number.
    public static func entry(base: Bits, usesX: Bits, usesY: Bits, x: Bits, y: Bits) -> Bits {
        cat(base.bits(entryBits - 1, 2), base[1] | (usesY & y), base[0] | (usesX & x))
    }

    /// A one-hot state's entry with both bits 0 and whether it uses them:
    /// {entry, usesX, usesY}, each bit an OR of state bits (all zero, like
    /// CLOSED, gives CLOSED's).
    public static func entryBase(ofOneHot state: Bits) -> Bits {
        let values = LinkState.allCases.map { s in
            (UInt64(entry(state: s, x: 0, y: 0)) << 2) | (usesX(s) ? 2 : 0) | (usesY(s) ? 1 : 0)
        }
        return cat((0..<(entryBits + 2)).reversed().map { bit -> Bits in
            let ones = LinkState.allCases.filter { values[$0.index] >> UInt64(bit) & 1 == 1 }.map { state[$0.index] }
            return ones.isEmpty ? lit(0, 1) : ones.dropFirst().reduce(ones[0]) { $0 | $1 }
        })
    }

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
        for (index, (state, x, y)) in Self.layout.enumerated() {
            let lookup = lookups[index]
            let copy = x % Self.copies
            lookup.eventCode <== eventCode[copy]
            lookup.state <== state.bits
            lookup.canAllocate <== lit(UInt64(x), 1)
            lookup.nackMarked <== lit(UInt64(y), 1)
            lookup.eventFlags <== eventFlags[copy][x == 0 ? 0 : y == 0 ? 1 : 2]
            decisions[index] <== lookup.decision
            loopWords[index] <== loopWord(Packed(lookup.decision))
        }
    }

    /// What decision `d` means for the event behind (`LoopWord`).
    private func loopWord(_ d: Packed<LinkDecisionWord>) -> Bits {
        let follows = behindSameKey && d.writes
        let changesSet = behindSameSet && d.writes && !(behindPayload || behindClose)
        let leavesFree = d.next[LinkState.closed.index]
        let setsOpenID = d.txUpdate == TxUpdate.openID.rawValue
        let setsTx = d.txUpdate != TxUpdate.keep.rawValue
        let nackIfMarked = d.nackSet || d.nackKeeps
        return Packed<LoopWord>.pack {
            $0.follows = follows
            $0.source = mux(follows, lit(LoopWord.fromThis, 2),
                            mux(changesSet, mux(leavesFree, lit(LoopWord.xFreed, 2), lit(LoopWord.xOtherFree, 2)),
                                lit(LoopWord.xAnyFree, 2)))
            $0.nextEntry = d.nextEntry
            $0.nextUsesX = d.nextUsesX
            $0.nextUsesY = d.nextUsesY
            $0.xIfFollows = mux(changesSet, leavesFree, mux(behindPayload, d.setRx, setsTx))
            $0.yIfMarked = mux(behindPayload, nackIfMarked, setsOpenID)
            $0.yIfClear = mux(behindPayload, d.nackSet, setsOpenID)
            $0.nackIfMarked = nackIfMarked
            $0.nackIfClear = d.nackSet
            $0.changesSet = changesSet
            $0.leavesFree = leavesFree
        }.bits
    }

    /// The word of the entry `indexCopies` names among `words` (the flopped
    /// decisions or loop words): a 16:1 multiplexer, which synthesis packs
    /// into one wide LUT (ECP5: LUT4s and their PFUMX and L6MUX21 cells in
    /// one block). The entry number comes in several copies; each selects
    /// one slice of the words' bits, so no select bit drives every bit.
    public static func choose(_ words: [Bits], indexCopies: [Bits]) -> Bits {
        precondition(indexCopies.allSatisfy { $0.width == entryBits }, "an entry number")
        return select(words, atCopies: indexCopies)
    }
}
