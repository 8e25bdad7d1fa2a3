import HDL

/// Q1 and the first half of Q2: the read of the event's set and the
/// forwarding of the writes the read missed. Only committed words, in
/// flops (h1 ... h3), are forwarded as data; the word the event in s5 is
/// making never feeds another stage, so no path runs from one event's
/// commit into another's comparisons.
extension LinkEngine {
    /// A committed write in the history: does it write, which way, what word.
    struct Writer {
        let writes: Bits
        let way: Bits
        let word: Bits
    }

    /// The write `k` events ahead of an event in `stage`, in the history
    /// (h1 is stage 6).
    func writer(aheadBy k: Int, of stage: Int) -> Writer {
        let h = stage + k - 6
        return Writer(writes: historyWrites[h].bits, way: historyWay[h].bits, word: historyWord[h].bits)
    }

    /// s0: the set goes to the RAM; the event's relations to those ahead.
    @LogicBuilder var relate: Logic {
        linkTable.readSet <== sets[0]
        let own = event(0)
        let sameSet = (1...LinkRelation.reach).map { k -> Bits in
            k <= 5 ? valid[k] && sets[k] == sets[0] : historyWrites[0] && historySet[0] == sets[0]
        }
        let sameKey = (1...3).map { k in key(event(k)) == key(own) }
        relations[0] <== Packed<LinkRelation>.pack {
            $0.sameSet = cat(sameSet.reversed())
            $0.sameKey = cat(sameKey.reversed())
        }
    }

    /// s2: both ways from the RAM, each replaced by the youngest committed
    /// write to it that the read missed (events 4 to 6 ahead, now in h1 ... h3).
    @LogicBuilder var patchOnArrival: Logic {
        let relation = Packed<LinkRelation>(relations[1])
        for w in 0..<LinkTableGeometry.ways {
            let patched = (4...LinkRelation.reach).reversed().reduce(linkTable.readWays[w].bits) { word, k in
                let writer = writer(aheadBy: k, of: 2)
                return mux(relation.sameSet[k - 1] && writer.writes && writer.way == w, writer.word, word)
            }
            waysAtS3[w] <== patched
        }
    }

    /// s3: per way, the write of the event three ahead (now in h1), whether
    /// the way holds the event's link or is free (with the decision of the
    /// event two ahead, in s5, applied), and the ID comparisons against it,
    /// made against both the word and h1's and chosen after, so the choice
    /// is not in front of the carry chains. Also the comparisons against
    /// every other value the events one and two ahead may leave.
    @LogicBuilder var prepare: Logic {
        let relation = Packed<LinkRelation>(relations[2])
        let own = event(3)
        let threeAhead = writer(aheadBy: 3, of: 3)
        let newer = Packed<LinkWord>(threeAhead.word)
        for w in 0..<LinkTableGeometry.ways {
            let fromThree = (relation.sameSet[2] && threeAhead.writes && threeAhead.way == w).named("from_three_ahead_\(w)")
            let fromTwo = (relation.sameSet[1] && writes && way == w).named("from_two_ahead_\(w)")
            let older = Packed<LinkWord>(waysAtS3[w])
            let holdsLink = mux(fromThree, relation.sameKey[2] && Self.isLive(newer),
                                (cat(older.peerMAC, older.vc) == key(own)) && Self.isLive(older))
            hitAtS4[w] <== mux(fromTwo, relation.sameKey[1] && keeps, holdsLink)
            freeAtS4[w] <== mux(fromTwo, !keeps, mux(fromThree, !Self.isLive(newer), !Self.isLive(older)))
            waysAtS4[w] <== mux(fromThree, threeAhead.word, waysAtS3[w])
            flagsAtS4[w] <== mux(fromThree, Self.comparisons(own, lastRx: newer.lastRx, lastTx: newer.lastTx),
                                 Self.comparisons(own, lastRx: older.lastRx, lastTx: older.lastTx))
        }
        let oneAhead = event(4), twoAhead = event(5)
        flagsIfOneAheadSets <== Self.comparisons(own, lastRx: oneAhead.txID, lastTx: oneAhead.txID)
        flagsIfTwoAheadSets <== Self.comparisons(own, lastRx: twoAhead.txID, lastTx: twoAhead.txID)
        let ifOpen = IDCompare.close(c: own.rxID, lastTx: lit(UInt64(parameters.openTxID), 32))
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
