import HDL

/// Q2's decision (s4): the event's link as the event one ahead leaves it,
/// then `StateTable`. This is the pipeline's one loop (an event needs the
/// result of the one just ahead, decided the cycle before), so everything
/// that can be is worked out earlier: the forwarded values are flops of s5
/// and the ID comparisons against every value the event ahead may leave
/// were made in s3; here they are only chosen.
extension LinkEngine {
    @LogicBuilder var decide: Logic {
        let relation = Packed<LinkRelation>(relations[3])
        let own = event(4)
        let ahead = Packed<LinkDecisionWord>(decided)
        // The event one ahead wrote this event's link / a way of its set.
        let followsLink = (relation.sameKey[0] && writes).named("follows_link")
        let followsSet = (relation.sameSet[0] && writes).named("follows_set")
        let ownWay = hitAtS4[1].bits
        let hit = (hitAtS4[0] || hitAtS4[1]).named("hit")
        let word = Packed<LinkWord>(mux(ownWay, waysAtS4[1], waysAtS4[0]).named("own_word"))
        let flags = mux(ownWay, flagsAtS4[1], flagsAtS4[0]).named("own_flags")
        let closed = LinkState.closed.bits

        let state = mux(followsLink, ahead.next, mux(hit, word.state, closed)).named("link_state")
        let nack = mux(followsLink, nackLeft, hit && word.nackMarked)
            .named("link_nack")
        let payloadFlags = mux(followsLink && ahead.setRx, flagsIfAheadSets.bits(3, 2), flags.bits(3, 2))
        let closeFlags = mux(followsLink && ahead.txUpdate == TxUpdate.eventTx.rawValue, flagsIfAheadSets.bits(1, 0),
                             mux(followsLink && ahead.txUpdate == TxUpdate.openID.rawValue, flagsIfOpenID, flags.bits(1, 0)))
        let free = (0..<LinkTableGeometry.ways).map { w in
            mux(followsSet && way == w, !keeps, freeAtS4[w]).named("free_\(w)")
        }
        let flagBits: [LinkFlag: Bits] = [
            .canAllocate: free[0] || free[1], .replay: payloadFlags[1], .inOrder: payloadFlags[0],
            .stored: own.stored, .nackMarked: nack, .closeMatch: closeFlags[1], .closeMatchLoose: closeFlags[0],
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
        way <== mux(live, mux(followsLink, way, ownWay), !free[0])
        followsAhead <== followsLink
        ownWord <== word
        nackBefore <== nack
    }

    /// The NACK mark a decision leaves, from the one it found.
    static func nackAfter(_ d: Packed<LinkDecisionWord>, before: Bits) -> Bits {
        d.nackSet || (!d.nackClear && before)
    }
}
