import HDL

/// Q1 and the first stage of Q2: the read of the event's set, the committed
/// writes the read missed, the way of the event's link and the ID comparisons.
extension LinkEngine {
    /// A committed write in the history: does it write, which way, what
    /// word, and does the word hold a live link.
    struct Writer {
        let writes: Bits
        let way: Bits
        let word: Bits
        let live: Bits
    }

    /// The write `k` events ahead of an event in `stage`, in the history
    /// (h1 is the stage after the commit).
    func writer(aheadBy k: Int, of stage: Int) -> Writer {
        let h = stage + k - Self.commitStage - 1
        return Writer(writes: historyWrites[h].bits, way: historyWay[h].bits, word: historyWord[h].bits,
                      live: historyLive[h].bits)
    }

    /// Keys are compared in parts of these widths (56 = 7 x 8):
    /// an event's against those ahead in s0, the RAM word's in s2.
    static let eventKeyPart = 8
    static let ramKeyPart = 8

    /// Bit i: part i of `a` equals part i of `b`.
    static func partsEqual(_ a: Bits, _ b: Bits, part: Int) -> Bits {
        precondition(a.width % part == 0, "whole parts")
        return cat(stride(from: 0, to: a.width, by: part).map { low in
            a.bits(low + part - 1, low) == b.bits(low + part - 1, low)
        })
    }

    /// s0: the set goes to the RAM; the event's relations to those ahead.
    @LogicBuilder var relate: Logic {
        linkTable.readSet <== set(0)
        let sameSet = (1...LinkRelation.reach).map { k -> Bits in
            k <= Self.commitStage ? valid[k] && set(k) == set(0) : historyWrites[0] && historySet[0] == set(0)
        }
        // The 56-bit key compares are made in 8-bit parts here and joined in
        // s1, for each candidate of Q0 (from copies of its key, each for half
        // of the compares); the grant's flop picks after them.
        let keyParts = (1...LinkRelation.reach).map { k -> Bits in
            let other = k <= Self.commitStage ? key(event(k)) : Self.key(of: Packed(historyWord[0]))
            let copy = (k - 1) * 2 / LinkRelation.reach
            let parts = keysAtS0.map { Self.partsEqual(other, $0.copy(copy), part: Self.eventKeyPart) }
            return mux(keyChoiceAtS0.copy(copy), parts[1], parts[0])
        }
        relations[0] <== Packed<LinkRelation>.pack { $0.sameSet = cat(sameSet.reversed()) }
        keyPartsAtS1 <== cat(keyParts.reversed())
    }

    /// s1: the key compares joined.
    @LogicBuilder var joinKeys: Logic {
        let parts = LinkKey.width / Self.eventKeyPart
        let sameKey = (0..<LinkRelation.reach).map { k in keyPartsAtS1.bits(parts * k + parts - 1, parts * k).andReduce() }
        relations[1] <== Packed<LinkRelation>(relations[0]).with(\.sameKey, cat(sameKey.reversed()))
    }

    /// s1: for each way, which committed write the RAM's word will miss
    /// when it arrives in s2 (`patchFromAtS2`): the youngest of the events
    /// that will then be six to eight ahead (now in s7, h1, h2) that writes
    /// that way of this event's set, or none.
    @LogicBuilder var choosePatches: Logic {
        let relation = relation(at: 1)
        let writers = [(writes.bits, way.bits), (historyWrites[0].bits, historyWay[0].bits),
                       (historyWrites[1].bits, historyWay[1].bits)]
        for w in 0..<LinkTableGeometry.ways {
            let hits = writers.enumerated().map { i, writer in relation.sameSet[5 + i] && writer.0 && writer.1 == w }
            // 0: the RAM's word; 1, 2, 3: the write six, seven, eight ahead (youngest first).
            let from = mux(hits[0], lit(1, 2), mux(hits[1], lit(2, 2), mux(hits[2], lit(3, 2), lit(0, 2))))
            patchFromAtS2[w].loadCopies(from)
        }
    }

    /// s2: both ways from the RAM, each replaced by the youngest committed
    /// write to it that the read missed (events 6 to 8 ahead, now in h1 ...
    /// h3), as `choosePatches` found a cycle ago.
    ///
    /// Whether a way holds the event's link is worked out beside the data:
    /// the RAM word's key is compared with the event's here, and a patched
    /// word's key is the writer's, whose match `LinkRelation` already knows,
    /// so s3 only chooses.
    @LogicBuilder var patchOnArrival: Logic {
        let relation = relation(at: 2)
        let e = event(2)
        operands.loadCopies(Packed<IDOperands>.pack {
            $0.tx = e.txID
            $0.txLess1 = e.txID - 1
            $0.rx = e.rxID
            $0.rxLess1 = e.rxID - 1
        }.bits)
        let writers = (6...LinkRelation.reach).map { k in writer(aheadBy: k, of: 2) }
        let holds = [lit(0, 1)] + writers.enumerated().map { i, writer in relation.sameKey[5 + i] && writer.live }
        let lives = [lit(0, 1)] + writers.map(\.live)
        for w in 0..<LinkTableGeometry.ways {
            let ram = linkTable.readWays[w].bits
            let from = patchFromAtS2[w].copies
            waysAtS3[w] <== select([ram] + writers.map(\.word), atCopies: from)
            patchedAtS3[w] <== from[0] != 0
            holdsIfPatchedAtS3[w] <== select(holds, at: from[0])
            liveIfPatchedAtS3[w] <== select(lives, at: from[0])
            // The RAM word's key against the event's in 8-bit parts (two
            // gate levels after the RAM's long route), joined in s3.
            keyPartsMatchAtS3[w] <== Self.partsEqual(Self.key(of: Packed(ram)), key(event(2)), part: Self.ramKeyPart)
            ramLiveAtS3[w] <== Self.isLive(Packed(ram))
            // The event now five ahead (in s7) writes this way: its word comes from h1 in s3.
            fromFiveAtS3[w].loadCopies(relation.sameSet[4] && writes && way == w)
        }
    }

    /// The key {MAC, vc} of a way word.
    static func key(of word: Packed<LinkWord>) -> Bits { cat(word.peerMAC, word.vc) }

    /// s3: per way, the write of the event five ahead (now in h1) and the
    /// decision of the one four ahead (in s7): whether the way holds the
    /// event's link or is free, and the ID comparisons against its word,
    /// made against both the word and h1's and chosen after, so the choice
    /// is not in front of the carry chains. Also the comparisons against
    /// the TxIDs the events one to four ahead may leave, and our open ID.
    @LogicBuilder var compare: Logic {
        let relation = relation(at: 3)
        let fiveAhead = writer(aheadBy: 5, of: 3)
        let newer = Packed<LinkWord>(fiveAhead.word)
        for w in 0..<LinkTableGeometry.ways {
            let fromFiveCopies = fromFiveAtS3[w].copies
            let fromFive = fromFiveCopies[0]
            let fromFour = (relation.sameSet[3] && writes && way == w).named("from_four_ahead_\(w)")
            let older = Packed<LinkWord>(waysAtS3[w])
            let olderHolds = mux(patchedAtS3[w], holdsIfPatchedAtS3[w], keyPartsMatchAtS3[w].andReduce() && ramLiveAtS3[w])
            let olderLive = mux(patchedAtS3[w], liveIfPatchedAtS3[w], ramLiveAtS3[w])
            let holdsLink = mux(fromFive, relation.sameKey[4] && fiveAhead.live, olderHolds)
            hitAtS4[w] <== mux(fromFour, relation.sameKey[3] && keeps, holdsLink)
            freeAtS4[w] <== mux(fromFour, !keeps, mux(fromFive, !fiveAhead.live, !olderLive))
            waysAtS4[w] <== select([waysAtS3[w].bits, fiveAhead.word], atCopies: Array(fromFiveCopies.dropFirst()))
            flagsAtS4[w] <== mux(fromFive, comparisons(lastRx: newer.lastRx, lastTx: newer.lastTx, copy: 0),
                                 comparisons(lastRx: older.lastRx, lastTx: older.lastTx, copy: 0))
        }
        for k in 1...4 {
            let ahead = event(3 + k)
            flagsIfAheadSets[k - 1] <== comparisons(lastRx: ahead.txID, lastTx: ahead.txID, copy: 1)
        }
        // What the event now three ahead (in s6) does to this event's
        // comparisons, for s4, where it is four ahead.
        fourAheadAtS4 <== Self.effect(of: Packed(decided), follows: relation.sameKey[3] && writes)
        let ids = Packed<IDOperands>(operands.copy(1))
        flagsIfOpenID <== IDCompare.close(c: ids.rx, cLess1: ids.rxLess1, lastTx: lit(UInt64(parameters.openTxID), 32))
    }

    /// The first step of the ID comparisons (`IDCompare.parts`) of the event
    /// in s3 against a context, from one copy of its operands; s4 joins them into flags.
    func comparisons(lastRx: Bits, lastTx: Bits, copy: Int) -> Bits {
        let ids = Packed<IDOperands>(operands.copy(copy))
        return IDCompare.parts(t: ids.tx, tLess1: ids.txLess1, r: lastRx, c: ids.rx, cLess1: ids.rxLess1, lastTx: lastTx)
    }

    /// A way holds a link: its state is one of the five live ones (a
    /// cleared word, all zero, is free like a CLOSED one).
    static func isLive(_ word: Packed<LinkWord>) -> Bits {
        isLive(state: word.state)
    }
}
