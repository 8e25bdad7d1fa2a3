import HDL

/// Q2 after the comparisons: s4 applies what the events four and three
/// ahead did to the event's link, s5 the event two ahead, and tabulates the
/// state table for every state and the two late bits it uses
/// (`DecisionLookahead`), with what each entry means for the event behind
/// (`LoopWord`); s6 decides. s6 is the pipeline's one loop (an event needs
/// the result of the one just ahead, decided the cycle before): there the
/// decision is the table's entry a flop names, a 16:1 choice among flops,
/// and each flop the next decision takes (`handOver`) is one gate after
/// the chosen words, between what this decision leaves and what the events
/// further ahead left.
extension LinkEngine {
    /// What decision `d` of an event ahead does to the comparisons of an
    /// event behind that `follows` it (`AheadEffect`).
    static func effect(of d: Packed<LinkDecisionWord>, follows: Bits) -> Bits {
        Packed<AheadEffect>.pack {
            $0.follows = follows
            $0.setsRx = follows && d.setRx
            $0.setsTx = follows && d.txUpdate != TxUpdate.keep.rawValue
            $0.txFromEvent = d.txUpdate == TxUpdate.eventTx.rawValue
        }.bits
    }

    /// What decision `d` does to the `eventFlags` of a PAYLOAD (if
    /// `payload`) or a CLOSE behind it that `follows` it (`TwoAheadFlags`).
    static func flagEffect(of d: Packed<LinkDecisionWord>, follows: Bits, payload: Bits) -> Bits {
        Packed<TwoAheadFlags>.pack {
            $0.sets = follows && mux(payload, d.setRx, d.txUpdate != TxUpdate.keep.rawValue)
            $0.fromEvent = payload || d.txUpdate == TxUpdate.eventTx.rawValue
        }.bits
    }

    /// The two `eventFlags` bits of an event from the four comparison flags
    /// {replay, inOrder, closeMatch, closeMatchLoose}: a PAYLOAD's first
    /// two, a CLOSE's last two (bit 0: replay or closeMatch).
    static func eventFlags(_ four: Bits, payload: Bits) -> Bits {
        cat(mux(payload, four[2], four[0]), mux(payload, four[3], four[1]))
    }

    /// The link's ID comparisons after an event ahead with `effect`: the
    /// ones against that event's TxID where it set our last RxID or last
    /// TxID to it, against our open ID where it set that, else `before`.
    func comparisons(after effect: Packed<AheadEffect>, ifItSets aheadFlags: Bits, openIDFlags: Bits,
                     before: Bits) -> Bits {
        let txFlags = mux(effect.txFromEvent, aheadFlags.bits(1, 0), openIDFlags)
        return cat(mux(effect.setsRx, aheadFlags.bits(3, 2), before.bits(3, 2)),
                   mux(effect.setsTx, txFlags, before.bits(1, 0)))
    }

    /// A way is free after the event ahead (decision `d` in s6) if that
    /// freed it, or it was and that did not take it.
    func freeAfterAhead(_ w: Int, sameSet: Bits, before: Bits) -> Bits {
        mux(sameSet && writes && way == w, !keeps, before)
    }

    /// s4: the events four ahead (h1; what it does to this event's
    /// comparisons worked out in s3, `fourAheadAtS4`) and three ahead (s7).
    @LogicBuilder var resolve: Logic {
        let relation = relation(at: 4)
        let ahead = Packed<LinkDecisionWord>(decided)
        let fourAhead = Packed<LinkWord>(historyWord[0])
        let four = Packed<AheadEffect>(fourAheadAtS4)
        let followsFour = four.follows
        let followsThree = (relation.sameKey[2] && writes).named("follows_three")
        let ownWay = hitAtS4[1].bits
        let hit = (hitAtS4[0] || hitAtS4[1]).named("hit")
        let viewed = Packed<LinkWord>(mux(ownWay, waysAtS4[1], waysAtS4[0]).named("viewed_word"))
        let viewedFlags = IDCompare.flags(mux(ownWay, flagsAtS4[1], flagsAtS4[0])).named("viewed_flags")
        let ifAheadSets = flagsIfAheadSets.map { IDCompare.flags($0.bits) }
        let closed = LinkState.closed.bits
        stateAtS5 <== mux(followsThree, ahead.next, mux(followsFour, fourAhead.state, mux(hit, viewed.state, closed)))
        nackAtS5 <== mux(followsThree, nackLeft, mux(followsFour, fourAhead.nackMarked, hit && viewed.nackMarked))
        let flagsAfterFour = comparisons(after: four, ifItSets: ifAheadSets[3], openIDFlags: flagsIfOpenID.bits,
                                         before: viewedFlags)
        let flags = comparisons(after: Packed(Self.effect(of: ahead, follows: followsThree)), ifItSets: ifAheadSets[2],
                                openIDFlags: flagsIfOpenID.bits, before: flagsAfterFour).named("flags_at_s4")
        for w in 0..<LinkTableGeometry.ways {
            freeAtS5[w] <== freeAfterAhead(w, sameSet: relation.sameSet[2], before: freeAtS4[w].bits)
        }
        wayAtS5 <== mux(followsThree, way, mux(followsFour, historyWay[0], ownWay))
        wordAtS5 <== mux(followsFour, historyWord[0], viewed)
        let own = event(4)
        let payload = own.event[LinkEvent.payload.rawValue]
        // A PAYLOAD's "stored", a send's "fresh": the event's own flag (bit 2).
        let stored = own.stored.bits
        let openID = cat(lit(0, 2), flagsIfOpenID)
        // The lookahead's flags for x = 1 (`DecisionLookahead.eventFlags`),
        // and the candidates of those for x = 0, which s5 picks among.
        lookaheadInputs.loadCopies(Packed<LookaheadInputs>.pack {
            $0.code = mux(valid[4] && !own.dropped, own.code, lit(UInt64(LinkEvent.noEvent), LinkEvent.codeBits))
            $0.payload = payload
            $0.stored = stored
            $0.flags = flags
            $0.ifTwoAhead = Self.eventFlags(ifAheadSets[1], payload: payload)
            $0.ifOpenID = Self.eventFlags(openID, payload: lit(0, 1))
            $0.ifAhead = cat(stored, Self.eventFlags(ifAheadSets[0], payload: payload))
            $0.ifOpen = cat(stored, mux(payload, Self.eventFlags(ifAheadSets[0], payload: payload),
                                        Self.eventFlags(openID, payload: lit(0, 1))))
        })
        // Only OPEN and the open command take a free way (see `LoopWord.changesSet`).
        takesFreeAtS5 <== !(own.event[LinkEvent.payload.rawValue] || own.event[LinkEvent.close.rawValue])
    }

    /// s5: the event two ahead (s7; its word, three ahead, in h1), then the
    /// state table for every state and both bits, and what each entry means
    /// for the event behind (`DecisionLookahead`).
    @LogicBuilder var tabulate: Logic {
        let relation = relation(at: 5)
        // The flags for x = 0: against the TxID of the event two ahead (or
        // our open ID) where that set the ID this event compares with, else
        // as the events further ahead left them; one gate of flops, made
        // from each copy of the inputs for its share of the lookups.
        for (copy, (inputs, two)) in zip(lookaheadInputs.copies, twoAheadFlagsAtS5.copies).enumerated() {
            let i = Packed<LookaheadInputs>(inputs), effect = Packed<TwoAheadFlags>(two)
            let afterTwo = mux(effect.fromEvent, i.ifTwoAhead, i.ifOpenID)
            let before = Self.eventFlags(i.flags, payload: i.payload)
            lookahead.eventCode[copy] <== i.code
            lookahead.eventFlags[copy][0] <== cat(i.stored, mux(effect.sets, afterTwo, before))
            lookahead.eventFlags[copy][1] <== i.ifAhead
            lookahead.eventFlags[copy][2] <== i.ifOpen
        }
        wordAtS6 <== mux(relation.sameKey[2] && historyWrites[0], historyWord[0], wordAtS5)
        let behind = event(4)
        let behindRelation = self.relation(at: 4)
        lookahead.behindSameKey <== behindRelation.sameKey[0]
        lookahead.behindSameSet <== behindRelation.sameSet[0]
        lookahead.behindPayload <== behind.event[LinkEvent.payload.rawValue]
        lookahead.behindClose <== behind.event[LinkEvent.close.rawValue]
        for (word, decision) in zip(decisions, lookahead.decisions) { word <== decision }
        for (word, loop) in zip(loopWords, lookahead.loopWords) { word <== loop }
    }

    /// s6: the decision, the word of the lookahead table for the entry
    /// (`lookupIndex`) that the decision just ahead left a cycle ago, with
    /// the link as it found it (`found*`).
    @LogicBuilder var decide: Logic {
        let relation = relation(at: 6)
        let index = lookupIndex.copies.enumerated().map { $1.named("lookup_index_\($0)") }
        let chosen = DecisionLookahead.choose(decisions.map(\.bits), indexCopies: Array(index.prefix(2))).named("chosen")
        let outcome = Packed<LinkDecisionWord>(chosen)
        // The way is known before the decision: the link's, or a free one for a new link.
        let nextWay = mux(foundLive, foundWay, !foundFree[0]).named("next_way")
        nackLeft <== mux(foundNack, outcome.nackSet || outcome.nackKeeps, outcome.nackSet)
        decided <== chosen
        responds <== valid[Self.commitStage - 1] && outcome.respond
        commandsReplay <== valid[Self.commitStage - 1] && outcome.replay
        writes <== outcome.writes
        keeps <== !outcome.next[LinkState.closed.index]
        allocates <== !foundLive
        way <== nextWay
        followsAhead <== followsOne
        // The word two ahead reached h1 this cycle: it is the link's word if that event wrote it.
        let followsTwo = (relation.sameKey[1] && historyWrites[0]).named("own_follows_two")
        ownWord <== mux(followsTwo, historyWord[0], wordAtS6)
        let wordPlus = NextIDs.of(Packed(wordAtS6)).named("word_at_s6_plus")
        ownPlus <== mux(followsTwo, historyPlus, wordPlus)
        handOver(nextWay: nextWay, indexCopies: Array(index.suffix(2)))
        // What this decision does to the event two behind, now in s4: to its
        // comparisons, and to the ways of its set.
        let twoBehind = self.relation(at: 4)
        let twoFollows = (twoBehind.sameKey[1] && outcome.writes).named("two_behind_follows")
        twoAheadAtS5 <== Self.effect(of: outcome, follows: twoFollows)
        twoAheadFlagsAtS5.loadCopies(Self.flagEffect(of: outcome, follows: twoFollows,
                                                     payload: event(4).event[LinkEvent.payload.rawValue]))
        for w in 0..<LinkTableGeometry.ways {
            twoChangesWay[w] <== twoBehind.sameSet[1] && outcome.writes && nextWay == w
        }
    }

    /// The flops the next event's decision takes: its link as this event
    /// leaves it when it follows this one, else as the events further ahead
    /// left it (`before`, from flops beside the choice), and its lookahead
    /// entry. Each entry's handover (`LoopHandover`: the entry and NACK mark
    /// the event behind finds if it follows) is made before the choice,
    /// from flops; after it, one gate picks by the chosen `source`. So the
    /// loop from one decision to the next is the 16:1 choice and that gate.
    @LogicBuilder func handOver(nextWay: Bits, indexCopies: [Bits]) -> Logic {
        let two = Packed<AheadEffect>(twoAheadAtS5)
        let ahead = Packed<LinkDecisionWord>(decided)
        let beforeState = mux(two.follows, cat(ahead.nextEntry, ahead.nextUsesX, ahead.nextUsesY),
                              DecisionLookahead.entryBase(ofOneHot: stateAtS5.bits)).named("next_state_before")
        let beforeLive = mux(two.follows, keeps, Self.isLive(state: stateAtS5.bits)).named("next_live_before")
        let beforeNack = mux(two.follows, nackLeft, nackAtS5).named("next_nack_before")
        let beforeWay = mux(two.follows, way, wayAtS5).named("next_way_before")
        let beforeFree = (0..<LinkTableGeometry.ways).map { w in
            mux(twoChangesWay[w], !keeps, freeAtS5[w]).named("next_free_before_\(w)")
        }
        let bothFree = (takesFreeAtS5 && (beforeFree[0] || beforeFree[1])).named("next_both_free")
        let otherFree = mux(nextWay, beforeFree[0], beforeFree[1]).named("next_other_free")
        // The entries the event behind takes when it does not follow, by `LoopWord.source`.
        let beforeEntries = [bothFree, lit(1, 1), otherFree].map { x in
            DecisionLookahead.entry(base: beforeState.bits(5, 2), usesX: beforeState[1], usesY: beforeState[0],
                                    x: x, y: beforeNack)
        }
        let handovers = loopWords.map { word -> Bits in
            let loop = Packed<LoopWord>(word)
            return Packed<LoopHandover>.pack {
                $0.follows = loop.follows
                $0.source = loop.source
                $0.entry = DecisionLookahead.entry(base: loop.nextEntry, usesX: loop.nextUsesX, usesY: loop.nextUsesY,
                                                   x: loop.xIfFollows, y: mux(foundNack, loop.yIfMarked, loop.yIfClear))
                $0.nack = mux(foundNack, loop.nackIfMarked, loop.nackIfClear)
                $0.changesSet = loop.changesSet
                $0.leavesFree = loop.leavesFree
            }.bits
        }
        let chosen = Packed<LoopHandover>(DecisionLookahead.choose(handovers, indexCopies: indexCopies)
            .named("handed_over"))
        followsOne <== chosen.follows
        foundLive <== mux(chosen.follows, !chosen.leavesFree, beforeLive)
        foundNack <== mux(chosen.follows, chosen.nack, beforeNack)
        foundWay <== mux(chosen.follows, nextWay, beforeWay)
        for w in 0..<LinkTableGeometry.ways {
            foundFree[w] <== mux(chosen.changesSet && nextWay == w, chosen.leavesFree, beforeFree[w])
        }
        lookupIndex.loadCopies(select([chosen.entry] + beforeEntries, at: chosen.source))
    }

    /// A one-hot state is one of the five live ones (zero, like CLOSED, is not).
    static func isLive(state: Bits) -> Bits { state.bits(LinkState.width - 1, 1).orReduce() }
}
