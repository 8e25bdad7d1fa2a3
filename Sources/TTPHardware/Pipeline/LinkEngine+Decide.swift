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

    /// s4: the events four ahead (h1) and three ahead (s7).
    @LogicBuilder var resolve: Logic {
        let relation = relation(at: 4)
        let ahead = Packed<LinkDecisionWord>(decided)
        let fourAhead = Packed<LinkWord>(historyWord[0])
        let followsFour = (relation.sameKey[3] && historyWrites[0]).named("follows_four")
        let followsThree = (relation.sameKey[2] && writes).named("follows_three")
        let ownWay = hitAtS4[1].bits
        let hit = (hitAtS4[0] || hitAtS4[1]).named("hit")
        let viewed = Packed<LinkWord>(mux(ownWay, waysAtS4[1], waysAtS4[0]).named("viewed_word"))
        let viewedFlags = IDCompare.flags(mux(ownWay, flagsAtS4[1], flagsAtS4[0])).named("viewed_flags")
        let ifAheadSets = flagsIfAheadSets.map { IDCompare.flags($0.bits) }
        let closed = LinkState.closed.bits
        stateAtS5 <== mux(followsThree, ahead.next, mux(followsFour, fourAhead.state, mux(hit, viewed.state, closed)))
        nackAtS5 <== mux(followsThree, nackLeft, mux(followsFour, fourAhead.nackMarked, hit && viewed.nackMarked))
        let afterFour = Packed<LinkDecisionWord>.pack {
            $0.setRx = historySetRx.bits
            $0.txUpdate = historyTxUpdate.bits
        }
        let flagsAfterFour = comparisons(after: afterFour, follows: followsFour, ifItSets: ifAheadSets[3],
                                         openIDFlags: flagsIfOpenID.bits, before: viewedFlags)
        flagsAtS5 <== comparisons(after: ahead, follows: followsThree, ifItSets: ifAheadSets[2],
                                  openIDFlags: flagsIfOpenID.bits, before: flagsAfterFour)
        for w in 0..<LinkTableGeometry.ways {
            freeAtS5[w] <== freeAfterAhead(w, sameSet: relation.sameSet[2], before: freeAtS4[w].bits)
        }
        wayAtS5 <== mux(followsThree, way, mux(followsFour, historyWay[0], ownWay))
        wordAtS5 <== mux(followsFour, historyWord[0], viewed)
        flagsIfOneAheadAtS5 <== ifAheadSets[0]
        flagsIfTwoAheadAtS5 <== ifAheadSets[1]
        flagsIfOpenIDAtS5 <== flagsIfOpenID
        let own = event(4)
        linkEventAtS5 <== mux(valid[4] && !own.dropped, own.event, lit(0, LinkEvent.count))
    }

    /// s5: the event two ahead (s7; its word, three ahead, in h1), then the
    /// state table for every state and both bits (`DecisionLookahead`).
    @LogicBuilder var tabulate: Logic {
        let relation = relation(at: 5)
        let own = event(5)
        let ahead = Packed<LinkDecisionWord>(decided)
        let followsTwo = (relation.sameKey[1] && writes).named("follows_two")
        Self.loadCopies(stateAtS6, mux(followsTwo, ahead.next, stateAtS5))
        nackAtS6 <== mux(followsTwo, nackLeft, nackAtS5)
        let flags = comparisons(after: ahead, follows: followsTwo, ifItSets: flagsIfTwoAheadAtS5.bits,
                                openIDFlags: flagsIfOpenIDAtS5.bits, before: flagsAtS5.bits)
        for w in 0..<LinkTableGeometry.ways {
            freeAtS6[w] <== freeAfterAhead(w, sameSet: relation.sameSet[1], before: freeAtS5[w].bits)
        }
        wayAtS6 <== mux(followsTwo, way, wayAtS5)
        wordAtS6 <== mux(relation.sameKey[2] && historyWrites[0], historyWord[0], wordAtS5)
        lookahead.linkEvent <== linkEventAtS5
        lookahead.stored <== own.stored
        lookahead.preFlags <== flags
        lookahead.aheadFlags <== flagsIfOneAheadAtS5
        lookahead.openIDFlags <== flagsIfOpenIDAtS5
        for (word, decision) in zip(decisions, lookahead.decisions) { word <== decision }
        payloadAtS6 <== own.event[LinkEvent.payload.rawValue]
        closeAtS6 <== own.event[LinkEvent.close.rawValue]
    }

    /// s6: the event just ahead (s7), then the decision: the word of the
    /// lookahead table for the state it left and the two bits.
    @LogicBuilder var decide: Logic {
        let relation = relation(at: 6)
        let states = (0..<4).map {
            mux(followsOne, Self.copy(aheadNext, $0), Self.copy(stateAtS6, $0)).named("link_state_\($0)")
        }
        let state = states[0]
        let free = (0..<LinkTableGeometry.ways).map { w in
            mux(aheadChangedSet && aheadWay == w, aheadLeftFree, freeAtS6[w]).named("free_\(w)")
        }
        let canAllocate = (free[0] || free[1]).named("can_allocate")
        let x = mux(payloadAtS6, aheadSetsRx, mux(closeAtS6, aheadSetsTx, canAllocate)).named("lookup_x")
        let nackFound = mux(followsOne, aheadNack, nackAtS6).named("nack_found")
        let y = mux(payloadAtS6, nackFound, aheadSetsOpenID).named("lookup_y")
        let chosen = DecisionLookahead.choose(decisions.map(\.bits), states: states, x: x, y: y).named("chosen")
        let outcome = Packed<LinkDecisionWord>(chosen)
        let live = state.bits(LinkState.width - 1, 1).orReduce().named("link_live")
        let nextWay = mux(live, mux(followsOne, aheadWay, wayAtS6), !free[0]).named("next_way")
        let nackOut = (outcome.nackSet || (outcome.nackKeeps && nackFound)).named("nack_out")
        nackLeft <== nackOut
        decided <== chosen
        writes <== outcome.writes
        keeps <== !outcome.next[LinkState.closed.index]
        allocates <== !live
        way <== nextWay
        followsAhead <== followsOne
        // The word two ahead reached h1 this cycle: it is the link's word if that event wrote it.
        ownWord <== mux(relation.sameKey[1] && historyWrites[0], historyWord[0], wordAtS6)
        loopInputs(outcome, nextWay: nextWay, nack: nackOut)
    }

    /// The flops the next event's decision takes from this one: does it
    /// follow this link, the state and NACK mark left, whether this set our
    /// last RxID / TxID (to our open ID), the way changed and left free.
    @LogicBuilder func loopInputs(_ outcome: Packed<LinkDecisionWord>, nextWay: Bits, nack: Bits) -> Logic {
        let next = relation(at: 5)
        let follows = next.sameKey[0] && outcome.writes
        followsOne <== follows
        Self.loadCopies(aheadNext, outcome.next)
        aheadNack <== nack
        aheadSetsRx <== follows && outcome.setRx
        aheadSetsTx <== follows && outcome.txUpdate != TxUpdate.keep.rawValue
        aheadSetsOpenID <== outcome.txUpdate == TxUpdate.openID.rawValue
        aheadChangedSet <== next.sameSet[0] && outcome.writes
        aheadLeftFree <== outcome.next[LinkState.closed.index]
        aheadWay <== nextWay
    }

    /// Loads copies of one value, the odd ones complemented so that
    /// synthesis does not merge them back into one heavily loaded flop.
    @LogicBuilder static func loadCopies(_ copies: [Reg], _ value: Bits) -> Logic {
        for (i, copy) in copies.enumerated() { copy <== (i % 2 == 0 ? value : ~value) }
    }

    /// Copy `i` of `copies`, as the value (see `loadCopies`).
    static func copy(_ copies: [Reg], _ i: Int) -> Bits { i % 2 == 0 ? copies[i].bits : ~copies[i].bits }
}
