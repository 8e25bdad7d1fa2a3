import HDL

/// Q1 and the first half of Q2: the read of the event's set and the
/// forwarding of the writes the read missed.
extension LinkEngine {
    /// A writer the pipeline forwards from: does it write, which way, what word.
    struct Writer {
        let writes: Bits
        let way: Bits
        let word: Bits
    }

    /// The writer `k` events ahead of an event in stage `stage`: still in
    /// s5 (its word being made) or in the history.
    func writer(aheadBy k: Int, of stage: Int) -> Writer {
        let at = stage + k
        if at == 5 { return Writer(writes: writes.bits, way: way.bits, word: committed.bits) }
        return Writer(writes: historyWrites[at - 6].bits, way: historyWay[at - 6].bits, word: historyWord[at - 6].bits)
    }

    /// s0: the set goes to the RAM; the event's relations to those ahead.
    @LogicBuilder var relate: Logic {
        linkTable.readSet <== sets[0]
        let own = event(0)
        let sameSet = (1...LinkRelation.reach).map { k -> Bits in
            k <= 5 ? valid[k] && sets[k] == sets[0] : historyWrites[0] && historySet[0] == sets[0]
        }
        let sameKey = (1...2).map { k in key(event(k)) == key(own) }
        relations[0] <== Packed<LinkRelation>.pack {
            $0.sameSet = cat(sameSet.reversed())
            $0.sameKey = cat(sameKey.reversed())
        }
    }

    /// s2: both ways from the RAM, each replaced by the youngest write to
    /// it that the read missed (events 3 to 6 ahead).
    @LogicBuilder var patchOnArrival: Logic {
        let relation = Packed<LinkRelation>(relations[1])
        for w in 0..<LinkTableGeometry.ways {
            let patched = (3...LinkRelation.reach).reversed().reduce(linkTable.readWays[w].bits) { word, k in
                let writer = writer(aheadBy: k, of: 2)
                return mux(relation.sameSet[k - 1] && writer.writes && writer.way == w, writer.word, word)
            }
            waysAtS3[w] <== patched
        }
    }

    /// s3: the write of the event two ahead, then per way: does it hold the
    /// event's link, is it free, and the ID comparisons against it; and the
    /// comparisons against the values the event one ahead may leave.
    @LogicBuilder var prepare: Logic {
        let relation = Packed<LinkRelation>(relations[2])
        let own = event(3), ahead = event(4)
        let twoAhead = writer(aheadBy: 2, of: 3)
        for w in 0..<LinkTableGeometry.ways {
            let fromTwoAhead = (relation.sameSet[1] && twoAhead.writes && twoAhead.way == w).named("from_two_ahead_\(w)")
            let stored = Packed<LinkWord>(waysAtS3[w])
            let word = Packed<LinkWord>(mux(fromTwoAhead, twoAhead.word, waysAtS3[w]).named("way_\(w)_at_s3"))
            let holdsLink = (cat(stored.peerMAC, stored.vc) == key(own)) && Self.isLive(stored)
            hitAtS4[w] <== mux(fromTwoAhead, relation.sameKey[1] && keeps, holdsLink)
            freeAtS4[w] <== mux(fromTwoAhead, !keeps, !Self.isLive(stored))
            waysAtS4[w] <== word
            flagsAtS4[w] <== Self.comparisons(own, lastRx: word.lastRx, lastTx: word.lastTx)
        }
        flagsIfAheadSets <== Self.comparisons(own, lastRx: ahead.txID, lastTx: ahead.txID)
        let openID = lit(UInt64(parameters.openTxID), 32)
        let ifOpen = IDCompare.close(c: own.rxID, lastTx: openID)
        flagsIfOpenID <== cat(ifOpen.match, ifOpen.loose)
    }

    /// {replay, inOrder, closeMatch, closeMatchLoose} of an event against a context.
    static func comparisons(_ e: Packed<PipelineEvent>, lastRx: Bits, lastTx: Bits) -> Bits {
        let payload = IDCompare.payload(t: e.txID, r: lastRx)
        let close = IDCompare.close(c: e.rxID, lastTx: lastTx)
        return cat(payload.replay, payload.inOrder, close.match, close.loose)
    }

    /// A way holds a link: its state is one of the five live ones (a
    /// cleared word, all zero, is free like a CLOSED one).
    static func isLive(_ word: Packed<LinkWord>) -> Bits {
        word.state.bits(LinkState.width - 1, 1).orReduce()
    }
}
