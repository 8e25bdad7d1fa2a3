import HDL

/// Q2's decision (s4): the event's link as the events one and two ahead
/// leave it, then `StateTable`. This is the pipeline's one loop (an event
/// needs the result of the one just ahead, decided the cycle before), so
/// everything that can be is worked out earlier: what the events ahead
/// leave comes from flops (the decision in s5, the word in h1), and the ID
/// comparisons against every value they may leave were made in s3; here
/// they are only chosen.
extension LinkEngine {
    @LogicBuilder var decide: Logic {
        let relation = Packed<LinkRelation>(relations[3])
        let own = event(4)
        let ahead = Packed<LinkDecisionWord>(decided)
        // The event one ahead (s5) / two ahead (h1) wrote this event's link; one ahead wrote its set.
        let followsOne = (relation.sameKey[0] && writes).named("follows_one")
        let followsTwo = (relation.sameKey[1] && historyWrites[0]).named("follows_two")
        let followsSet = (relation.sameSet[0] && writes).named("follows_set")
        let ownWay = hitAtS4[1].bits
        let hit = (hitAtS4[0] || hitAtS4[1]).named("hit")
        let viewed = Packed<LinkWord>(mux(ownWay, waysAtS4[1], waysAtS4[0]).named("viewed_word"))
        let word = Packed<LinkWord>(mux(followsTwo, historyWord[0], viewed).named("own_word"))
        let closed = LinkState.closed.bits

        let state = mux(followsOne, ahead.next, mux(hit, word.state, closed)).named("link_state")
        let nack = mux(followsOne, nackLeft, hit && word.nackMarked).named("link_nack")
        let flags = choose(mux(ownWay, flagsAtS4[1], flagsAtS4[0]), followsOne: followsOne, followsTwo: followsTwo)
        let free = (0..<LinkTableGeometry.ways).map { w in
            mux(followsSet && way == w, !keeps, freeAtS4[w]).named("free_\(w)")
        }
        let flagBits: [LinkFlag: Bits] = [
            .canAllocate: free[0] || free[1], .replay: flags.replay, .inOrder: flags.inOrder,
            .stored: own.stored, .nackMarked: nack, .closeMatch: flags.closeMatch, .closeMatchLoose: flags.closeLoose,
        ]
        let taken = (valid[4] && !own.dropped).named("taken")
        stateMachine.linkEvent <== mux(taken, own.event, lit(0, LinkEvent.count))
        stateMachine.state <== state
        stateMachine.flags <== cat(LinkFlag.allCases.reversed().map { flagBits[$0]! })

        let outcome = Packed<LinkDecisionWord>(stateMachine.decision)
        let live = state.bits(LinkState.width - 1, 1).orReduce().named("link_live")
        let stays = !outcome.next[LinkState.closed.index]
        decided <== stateMachine.decision
        writes <== taken && (live || stays)
        keeps <== stays
        allocates <== !live
        way <== mux(live, mux(followsOne, way, ownWay), !free[0])
        followsAhead <== followsOne
        ownWord <== word
        nackBefore <== nack
    }

    /// The ID comparisons for the values the link has after the events ahead:
    /// the last in-order RxID is the one the youngest of them set (one ahead,
    /// else two ahead), else the word's; our last TxID likewise, where an
    /// event sets it to its own TxID or to our open ID.
    func choose(_ wordFlags: Bits, followsOne: Bits, followsTwo: Bits)
        -> (replay: Bits, inOrder: Bits, closeMatch: Bits, closeLoose: Bits) {
        let ahead = Packed<LinkDecisionWord>(decided)
        let oneSetsRx = (followsOne && ahead.setRx).named("one_ahead_sets_rx")
        let twoSetsRx = (followsTwo && historySetRx).named("two_ahead_sets_rx")
        let payload = mux(oneSetsRx, flagsIfOneAheadSets.bits(3, 2),
                          mux(twoSetsRx, flagsIfTwoAheadSets.bits(3, 2), wordFlags.bits(3, 2)))
        let eventTx = TxUpdate.eventTx.rawValue
        let oneTx = (followsOne && ahead.txUpdate != 0).named("one_ahead_sets_tx")
        let twoTx = (followsTwo && historyTxUpdate != 0).named("two_ahead_sets_tx")
        let close = mux(oneTx, mux(ahead.txUpdate == eventTx, flagsIfOneAheadSets.bits(1, 0), flagsIfOpenID),
                        mux(twoTx, mux(historyTxUpdate == eventTx, flagsIfTwoAheadSets.bits(1, 0), flagsIfOpenID),
                            wordFlags.bits(1, 0)))
        return (payload[1], payload[0], close[1], close[0])
    }

    /// The NACK mark a decision leaves, from the one it found.
    static func nackAfter(_ d: Packed<LinkDecisionWord>, before: Bits) -> Bits {
        d.nackSet || (!d.nackClear && before)
    }
}
