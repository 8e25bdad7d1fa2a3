import HDL

/// Q2 after the comparisons: s4 applies what the events four and three
/// ahead did to the event's link, s5 the event two ahead, and tabulates the
/// state table for every state and two late bits (`DecisionLookahead`), with
/// what each entry means for the event behind (`LoopWord`); s6 decides.
/// s6 is the pipeline's one loop (an event needs the result of the one just
/// ahead, decided the cycle before): there the decision is the table's entry
/// at {state, y, x}, a choice among flops by flops, and each flop the next
/// decision takes (`loopInputs`) is one gate after the chosen words, between
/// what this decision leaves and what the events further ahead left.
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
    /// state table for every state and both bits, and what each entry means
    /// for the event behind (`DecisionLookahead`).
    @LogicBuilder var tabulate: Logic {
        let relation = relation(at: 5)
        let own = event(5)
        let ahead = Packed<LinkDecisionWord>(decided)
        let followsTwo = (relation.sameKey[1] && writes).named("follows_two")
        let flags = comparisons(after: ahead, follows: followsTwo, ifItSets: flagsIfTwoAheadAtS5.bits,
                                openIDFlags: flagsIfOpenIDAtS5.bits, before: flagsAtS5.bits)
        wordAtS6 <== mux(relation.sameKey[2] && historyWrites[0], historyWord[0], wordAtS5)
        lookahead.linkEvent <== linkEventAtS5
        lookahead.stored <== own.stored
        lookahead.preFlags <== flags
        lookahead.aheadFlags <== flagsIfOneAheadAtS5
        lookahead.openIDFlags <== flagsIfOpenIDAtS5
        let behind = event(4)
        let behindRelation = self.relation(at: 4)
        lookahead.behindSameKey <== behindRelation.sameKey[0]
        lookahead.behindSameSet <== behindRelation.sameSet[0]
        lookahead.behindPayload <== behind.event[LinkEvent.payload.rawValue]
        lookahead.behindClose <== behind.event[LinkEvent.close.rawValue]
        for (word, decision) in zip(decisions, lookahead.decisions) { word <== decision }
        for (word, loop) in zip(loopWords, lookahead.loopWords) { word <== loop }
    }

    /// s6: the decision, the word of the lookahead table for the link's
    /// state and the two bits, all of them flops (`lookupIndex`, `found*`)
    /// that the decision just ahead left a cycle ago.
    @LogicBuilder var decide: Logic {
        let relation = relation(at: 6)
        let index = lookupIndex.copies.enumerated().map { $1.named("lookup_index_\($0)") }
        let chosen = DecisionLookahead.choose(decisions.map(\.bits), indexCopies: index).named("chosen")
        let loop = Packed<LoopWord>(DecisionLookahead.choose(loopWords.map(\.bits), indexCopies: index)
            .named("chosen_loop"))
        let outcome = Packed<LinkDecisionWord>(chosen)
        // The way is known before the decision: the link's, or a free one for a new link.
        let nextWay = mux(foundLive, foundWay, !foundFree[0]).named("next_way")
        let nackOut = mux(foundNack, loop.nackIfMarked, loop.nackIfClear).named("nack_out")
        nackLeft <== nackOut
        decided <== chosen
        writes <== outcome.writes
        keeps <== !outcome.next[LinkState.closed.index]
        allocates <== !foundLive
        way <== nextWay
        followsAhead <== followsOne
        // The word two ahead reached h1 this cycle: it is the link's word if that event wrote it.
        ownWord <== mux(relation.sameKey[1] && historyWrites[0], historyWord[0], wordAtS6)
        loopInputs(loop, nextWay: nextWay, nackOut: nackOut)
    }

    /// The flops the next event's decision takes: its link as the events two
    /// and more ahead leave it (worked out from flops, early in the cycle),
    /// or, when it follows this decision, as this one leaves it; and its
    /// lookup bits. Each is one gate after the chosen words.
    @LogicBuilder func loopInputs(_ loop: Packed<LoopWord>, nextWay: Bits, nackOut: Bits) -> Logic {
        let relation = relation(at: 5)
        let next = event(5)
        let followsTwo = (relation.sameKey[1] && writes).named("next_follows_two")
        let stateBefore = mux(followsTwo, Packed<LinkDecisionWord>(decided).next, stateAtS5).named("next_state_before")
        let liveBefore = Self.isLive(state: stateBefore).named("next_live_before")
        let nackBefore = mux(followsTwo, nackLeft, nackAtS5).named("next_nack_before")
        let wayBefore = mux(followsTwo, way, wayAtS5).named("next_way_before")
        let freeBefore = (0..<LinkTableGeometry.ways).map { w in
            freeAfterAhead(w, sameSet: relation.sameSet[1], before: freeAtS5[w].bits).named("next_free_before_\(w)")
        }
        let takesFree = !(next.event[LinkEvent.payload.rawValue] || next.event[LinkEvent.close.rawValue])
        let bothFree = (takesFree && (freeBefore[0] || freeBefore[1])).named("next_both_free")
        let otherFree = mux(nextWay, freeBefore[0], freeBefore[1]).named("next_other_free")
        followsOne <== loop.follows
        let stateIndex = mux(loop.follows, loop.nextIndex, LoopWord.stateIndex(ofOneHot: stateBefore))
        foundLive <== mux(loop.follows, !loop.leavesFree, liveBefore)
        foundNack <== mux(loop.follows, nackOut, nackBefore)
        foundWay <== mux(loop.follows, nextWay, wayBefore)
        for w in 0..<LinkTableGeometry.ways {
            foundFree[w] <== mux(loop.changesSet && nextWay == w, loop.leavesFree, freeBefore[w])
        }
        let x = mux(loop.changesSet, loop.leavesFree || otherFree, loop.xIfNotOpen || bothFree)
        let y = mux(loop.yFromBefore, nackBefore, mux(foundNack, loop.yIfMarked, loop.yIfClear))
        lookupIndex.loadCopies(cat(stateIndex, y, x))
    }

    /// A one-hot state is one of the five live ones (zero, like CLOSED, is not).
    static func isLive(state: Bits) -> Bits { state.bits(LinkState.width - 1, 1).orReduce() }
}
