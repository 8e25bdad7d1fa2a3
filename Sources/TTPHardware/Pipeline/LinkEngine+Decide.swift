import HDL

/// Q2 after the comparisons: s4 applies what the events two and three ahead
/// did to the event's link, s5 applies the event just ahead and decides.
/// s5 is the pipeline's one loop (an event needs the result of the one just
/// ahead, decided the cycle before), so each input of `StateTable` there is
/// one choice between flops: the link as the events further ahead leave it
/// (made in s4), or the decision just made, with the ID comparisons already
/// made (in s3) against every value that decision may leave.
extension LinkEngine {
    /// The link's ID comparisons after an event ahead that decided `d`:
    /// the ones against that event's TxID where it set our last RxID or
    /// last TxID to it, against our open ID where it set that, else `before`.
    func comparisons(after d: Packed<LinkDecisionWord>, follows: Bits, ifItSets aheadFlags: Bits,
                     openIDFlags: Bits, before: Bits) -> Bits {
        let setsRx = follows && d.setRx
        let setsTx = follows && d.txUpdate != TxUpdate.keep.rawValue
        let txFlags = mux(d.txUpdate == TxUpdate.eventTx.rawValue, aheadFlags.bits(1, 0), openIDFlags)
        return cat(mux(setsRx, aheadFlags.bits(3, 2), before.bits(3, 2)), mux(setsTx, txFlags, before.bits(1, 0)))
    }

    /// A way is free after the event ahead (decision `d` in s6) if that
    /// freed it, or it was and that did not take it.
    func freeAfterAhead(_ w: Int, sameSet: Bits, before: Bits) -> Bits {
        mux(sameSet && writes && way == w, !keeps, before)
    }

    /// s4: the events three ahead (h1) and two ahead (s6).
    @LogicBuilder var resolve: Logic {
        let relation = relation(at: 4)
        let ahead = Packed<LinkDecisionWord>(decided)
        let threeAhead = Packed<LinkWord>(historyWord[0])
        let followsThree = (relation.sameKey[2] && historyWrites[0]).named("follows_three")
        let followsTwo = (relation.sameKey[1] && writes).named("follows_two")
        let ownWay = hitAtS4[1].bits
        let hit = (hitAtS4[0] || hitAtS4[1]).named("hit")
        let viewed = Packed<LinkWord>(mux(ownWay, waysAtS4[1], waysAtS4[0]).named("viewed_word"))
        let viewedFlags = mux(ownWay, flagsAtS4[1], flagsAtS4[0]).named("viewed_flags")
        let closed = LinkState.closed.bits
        stateAtS5 <== mux(followsTwo, ahead.next, mux(followsThree, threeAhead.state, mux(hit, viewed.state, closed)))
        nackAtS5 <== mux(followsTwo, ahead.nackNext, mux(followsThree, threeAhead.nackMarked, hit && viewed.nackMarked))
        let afterThree = Packed<LinkDecisionWord>.pack {
            $0.setRx = historySetRx.bits
            $0.txUpdate = historyTxUpdate.bits
        }
        let flagsAfterThree = comparisons(after: afterThree, follows: followsThree, ifItSets: flagsIfAheadSets[2].bits,
                                          openIDFlags: flagsIfOpenID.bits, before: viewedFlags)
        flagsAtS5 <== comparisons(after: ahead, follows: followsTwo, ifItSets: flagsIfAheadSets[1].bits,
                                  openIDFlags: flagsIfOpenID.bits, before: flagsAfterThree)
        for w in 0..<LinkTableGeometry.ways {
            freeAtS5[w] <== freeAfterAhead(w, sameSet: relation.sameSet[1], before: freeAtS4[w].bits)
        }
        wayAtS5 <== mux(followsTwo, way, mux(followsThree, historyWay[0], ownWay))
        wordAtS5 <== mux(followsThree, historyWord[0], viewed)
        flagsIfOneAheadAtS5 <== flagsIfAheadSets[0]
        flagsIfOpenIDAtS5 <== flagsIfOpenID
    }

    /// s5: the event just ahead (s6), then the state table. Each input of
    /// the table is one choice between two flops: what the events further
    /// ahead left (from s4) or what the event just ahead decided.
    @LogicBuilder var decide: Logic {
        let relation = relation(at: 5)
        let own = event(5)
        let state = mux(followsOne, aheadNext, stateAtS5).named("link_state")
        let nack = mux(followsOne, aheadNack, nackAtS5).named("link_nack")
        let payloadFlags = mux(aheadSetsRx, flagsIfOneAheadAtS5.bits(3, 2), flagsAtS5.bits(3, 2)).named("payload_flags")
        let closeFlags = mux(aheadSetsTx, closeFlagsIfAheadSetsTx, flagsAtS5.bits(1, 0)).named("close_flags")
        let free = (0..<LinkTableGeometry.ways).map { w in
            mux(aheadChangedWay[w], aheadLeftFree, freeAtS5[w]).named("free_\(w)")
        }
        let flagBits: [LinkFlag: Bits] = [
            .canAllocate: free[0] || free[1], .replay: payloadFlags[1], .inOrder: payloadFlags[0],
            .stored: own.stored, .nackMarked: nack, .closeMatch: closeFlags[1], .closeMatchLoose: closeFlags[0],
        ]
        stateMachine.linkEvent <== eventAtS5
        stateMachine.state <== state
        stateMachine.flags <== cat(LinkFlag.allCases.reversed().map { flagBits[$0]! })

        let outcome = Packed<LinkDecisionWord>(stateMachine.decision)
        let live = state.bits(LinkState.width - 1, 1).orReduce().named("link_live")
        let nextWay = mux(live, mux(followsOne, aheadWay, wayAtS5), !free[0]).named("next_way")
        decided <== stateMachine.decision
        writes <== outcome.writes
        keeps <== !outcome.next[LinkState.closed.index]
        allocates <== !live
        way <== nextWay
        followsAhead <== followsOne
        // The word two ahead reached h1 this cycle: it is the link's word if that event wrote it.
        ownWord <== mux(relation.sameKey[1] && historyWrites[0], historyWord[0], wordAtS5)
        loopInputs(outcome, nextWay: nextWay)
    }

    /// The flops the next event's decision takes from this one: does it
    /// follow this link, the state and NACK mark left, whether this set our
    /// last RxID / TxID (and the comparisons for that), the way changed.
    @LogicBuilder func loopInputs(_ outcome: Packed<LinkDecisionWord>, nextWay: Bits) -> Logic {
        let next = relation(at: 4), nextEvent = event(4)
        let follows = next.sameKey[0] && outcome.writes
        followsOne <== follows
        aheadNext <== outcome.next
        aheadNack <== outcome.nackNext
        aheadSetsRx <== follows && outcome.setRx
        aheadSetsTx <== follows && outcome.txUpdate != TxUpdate.keep.rawValue
        closeFlagsIfAheadSetsTx <== mux(outcome.txUpdate == TxUpdate.eventTx.rawValue,
                                        flagsIfAheadSets[0].bits(1, 0), flagsIfOpenID)
        for w in 0..<LinkTableGeometry.ways {
            aheadChangedWay[w] <== next.sameSet[0] && outcome.writes && nextWay == w
        }
        aheadLeftFree <== outcome.next[LinkState.closed.index]
        aheadWay <== nextWay
        eventAtS5 <== mux(valid[4] && !nextEvent.dropped, nextEvent.event, lit(0, LinkEvent.count))
    }
}
