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
///   comparisons against its TxID hold, `aheadFlags`, else `preFlags`);
///   `y` = the NACK mark.
/// - CLOSE: `x` = the event ahead set our last TxID; `y` = to our open ID
///   (`openIDFlags`) rather than to its TxID (`aheadFlags`).
/// - OPEN and the open command: `x` = a way is free.
/// Other events use no flag. Each of the 24 lookups is a `LinkDecision`
/// with its state and flags fixed, which synthesis folds to a few gates.
public final class DecisionLookahead: Module {
    /// One-hot `LinkEvent` (zero: no event, every word zero).
    public let linkEvent = Input(LinkEvent.count)
    public let stored = Input(1)
    /// {replay, inOrder, closeMatch, closeMatchLoose} against the link as the events further ahead leave it.
    public let preFlags = Input(4)
    /// The same against the TxID of the event just ahead.
    public let aheadFlags = Input(4)
    /// {closeMatch, closeMatchLoose} against our open ID.
    public let openIDFlags = Input(2)
    public let decisions: [Output]

    let lookups: [LinkDecision]

    /// 6 states x 2 x 2.
    public static let entries = LinkState.allCases.count * 4

    /// The word for the link in `state` (by index) with the two bits `x`, `y`.
    public static func entry(state: Int, x: Int, y: Int) -> Int { state * 4 + y * 2 + x }

    public init() {
        decisions = (0..<Self.entries).map { _ in Output(LinkDecisionWord.width) }
        lookups = (0..<Self.entries).map { _ in LinkDecision() }
    }

    public var moduleName: String { "ttp_decision_lookahead" }

    public var body: Logic {
        for state in LinkState.allCases {
            for y in 0...1 {
                for x in 0...1 {
                    let index = Self.entry(state: state.index, x: x, y: y)
                    let lookup = lookups[index]
                    lookup.linkEvent <== linkEvent
                    lookup.state <== state.bits
                    lookup.flags <== flags(x: x, y: y)
                    decisions[index] <== lookup.decision
                }
            }
        }
    }

    /// The flags of the lookup for bits `x`, `y`, in `LinkFlag` order.
    private func flags(x: Int, y: Int) -> Bits {
        let payload = x == 1 ? aheadFlags.bits(3, 2) : preFlags.bits(3, 2)
        let close = x == 0 ? preFlags.bits(1, 0) : y == 1 ? openIDFlags.bits : aheadFlags.bits(1, 0)
        let values: [LinkFlag: Bits] = [
            .canAllocate: lit(UInt64(x), 1), .replay: payload[1], .inOrder: payload[0], .stored: stored.bits,
            .nackMarked: lit(UInt64(y), 1), .closeMatch: close[1], .closeMatchLoose: close[0],
        ]
        return cat(LinkFlag.allCases.reversed().map { values[$0]! })
    }

    /// The decision among `words` (the flopped `decisions`) for the link in
    /// the one-hot state and the bits `x`, `y`: the state's words first
    /// (an AND-OR over the six states), then the two late bits. `states`
    /// holds the state four times, one copy for each value of (x, y), so no
    /// state bit drives more than one word's worth of gates.
    public static func choose(_ words: [Bits], states: [Bits], x: Bits, y: Bits) -> Bits {
        precondition(states.count == 4, "one copy of the state for each value of (x, y)")
        let byBits = (0..<4).map { xy -> Bits in
            let terms = LinkState.allCases.map { s in
                words[entry(state: s.index, x: xy & 1, y: xy >> 1)] & states[xy][s.index].replicated(LinkDecisionWord.width)
            }
            return terms.dropFirst().reduce(terms[0]) { $0 | $1 }
        }
        return mux(y, mux(x, byBits[3], byBits[2]), mux(x, byBits[1], byBits[0]))
    }
}
