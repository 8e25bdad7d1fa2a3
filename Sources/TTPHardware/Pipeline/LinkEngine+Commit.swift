import HDL

/// Q3 (s5): the decision becomes the new way word, the response, the
/// payload's fate and the link event; the word goes to the RAM from h1.
extension LinkEngine {
    /// The link as the event in s5 found it: the one ahead's new word when
    /// that wrote the same link (now in h1), a fresh word for a new link.
    @LogicBuilder var baseWord: Logic {
        base <== mux(allocates, lit(0, LinkWord.width), mux(followsAhead, historyWord[0], ownWord))
        basePlus <== mux(allocates, NextIDs.of(Packed(lit(0, LinkWord.width))), mux(followsAhead, historyPlus, ownPlus))
    }

    /// The way word the event in s5 leaves.
    @LogicBuilder var committedWord: Logic {
        let d = Packed<LinkDecisionWord>(decided), e = event(Self.commitStage), base = Packed<LinkWord>(self.base)
        let openID = lit(UInt64(parameters.openTxID), 32)
        committed <== Packed<LinkWord>.pack {
            $0.state = d.next
            $0.peerMAC = e.peerMAC
            $0.vc = e.vc
            $0.lastTx = select([base.lastTx, e.txID, openID, base.lastTx], at: d.txUpdate)
            $0.lastRx = mux(d.setRx, e.txID, base.lastRx)
            $0.nackMarked = nackLeft.bits
            $0.timerArmed = base.timerArmed
            $0.retries = base.retries
        }
    }

    @LogicBuilder var commit: Logic {
        let d = Packed<LinkDecisionWord>(decided), e = event(Self.commitStage)
        baseWord
        committedWord
        historyWrites[0] <== writes
        historySet[0] <== set(Self.commitStage)
        historyWay[0] <== way
        historyWord[0] <== committed
        historyPlus <== committedPlus
        historyLive[0] <== keeps
        for i in 1..<Self.historyDepth {
            historyWrites[i] <== historyWrites[i - 1]
            historySet[i] <== historySet[i - 1]
            historyWay[i] <== historyWay[i - 1]
            historyWord[i] <== historyWord[i - 1]
            historyLive[i] <== historyLive[i - 1]
        }
        // The RAM: h1's word, or while clearing a free way (state zero; the
        // rest is never read from a free way: a new link starts from zeros)
        // into both ways, so `clearing` reaches only the state bits.
        linkTable.writeWays <== mux(clearing, lit(3, 2), cat(historyWrites[0] && historyWay[0], historyWrites[0] && !historyWay[0]))
        linkTable.writeSet <== mux(clearing, clearSet, historySet[0])
        linkTable.writeWord <== Packed<LinkWord>(historyWord[0]).with(\.state, mux(clearing, lit(0, LinkState.width),
                                                                                Packed<LinkWord>(historyWord[0]).state)).bits
        When(clearing) {
            clearSet <== clearSet + 1
            When(clearSet == geometry.sets - 1) {
                clearing <== 0
                accepting <== 1
            }
        }

        // The response enters the queue as the event commits (pushed by a
        // flop, made as the event decided), its IDs chosen among values made
        // earlier (`idChoice`), no adder: the queue's register (its bypass,
        // `SyncFifo`) is the response's first.
        responses.in.valid <== responds
        // A PAYLOAD (a send) carries its slot and length in the event's RxID.
        let sendsPayload = (d.opcode == LinkEvent.payload.opcode).named("sends_payload")
        responses.in.data <== Packed<ControlFrame>.pack {
            $0.opcode = d.opcode.zext(to: WireLayout.opcodeBits)
            $0.vc = e.vc
            $0.peerMAC = e.peerMAC
            $0.txID = idChoice(d.txSource, event: e)
            $0.rxID = idChoice(d.rxSource, event: e)
            $0.slot = e.rxID.bits(31, 16)
            $0.length = mux(sendsPayload, e.rxID.bits(15, 0), lit(0, 16))
        }
        pushReplayCommand
        // The link event waits a cycle in flops too, off the paths to the queue's counts.
        reportValid <== valid[Self.commitStage] && d.report
        report <== cat(d.reportKind.zext(to: 3), e.peerMAC, e.vc)
        reports.in.valid <== reportValid
        reports.in.data <== report
        // Whether the event has a fate to give is known a stage early: a flop
        // drives the fate queue's push, off `valid`'s wide net.
        givesFate <== valid[Self.commitStage - 1] && event(Self.commitStage - 1).hasPayload
        fates.in.valid <== givesFate
        fates.in.data <== cat(d.deliver, e.peerMAC, e.vc)
        responseCredits.giveA <== responses.out.valid && responses.out.ready
        responseCredits.giveB <== valid[Self.commitStage] && e.needsResponse && !e.dropped && !responds
        reportCredits.giveA <== reports.out.valid && reports.out.ready
        reportCredits.giveB <== valid[Self.commitStage] && e.needsReport && !e.dropped && !d.report
        replayCredits.giveA <== replays.out.valid && replays.out.ready
        replayCredits.giveB <== valid[Self.commitStage] && e.needsReplay && !e.dropped && !commandsReplay
    }

    /// The command to the replay lists, pushed as the event commits: the
    /// link's place, its key, and for an append the link's last TxID as
    /// committed and whether PAYLOADs may go out in the state it is left in.
    @LogicBuilder var pushReplayCommand: Logic {
        let d = Packed<LinkDecisionWord>(decided), e = event(Self.commitStage)
        let appends = (d.replayKind == ReplayCommandKind.append.rawValue).named("replay_appends")
        let sendable = LinkState.allCases.filter(\.takesPayloads).map { d.next[$0.index] }
        replays.in.valid <== commandsReplay
        replays.in.data <== Packed<ReplayCommand>.pack {
            $0.kind = d.replayKind
            $0.link = cat(set(Self.commitStage), way).zext(to: 16)
            $0.peerMAC = e.peerMAC
            $0.vc = e.vc
            $0.id = mux(appends, Packed<LinkWord>(committed).lastTx, e.rxID)
            $0.slot = e.rxID.bits(31, 16)
            $0.length = e.rxID.bits(15, 0)
            $0.sendable = sendable.dropFirst().reduce(sendable[0]) { $0 | $1 }
        }
    }

    @LogicBuilder var outputs: Logic {
        descValid <== responses.out.valid
        responses.out.ready <== descReady
        let response = Packed<ControlFrame>(responses.out.data)
        desc.drive(from: Packed<FrameHeader>.pack {
            $0.opcode = response.opcode
            $0.vc = response.vc
            $0.peerMAC = response.peerMAC
            $0.txID = response.txID
            $0.rxID = response.rxID
            $0.payloadLength = response.length
        })
        descSlot <== response.slot.truncated(to: descSlot.width)
        replayValid <== replays.out.valid
        replays.out.ready <== replayReady
        replayCommand <== replays.out.data
        evt.valid <== reports.out.valid
        reports.out.ready <== evt.ready
        evt.kind <== reports.out.data.bits(58, 56)
        evt.mac <== reports.out.data.bits(55, 8)
        evt.vc <== reports.out.data.bits(7, 0)
        fateValid <== fates.out.valid
        fates.out.ready <== fateReady
        fateDeliver <== fates.out.data[56]
        fateMac <== fates.out.data.bits(55, 8)
        fateVc <== fates.out.data.bits(7, 0)
        dropResponseBusy <== responseBusyCount.value
        dropReportBusy <== reportBusyCount.value
        dropReplayBusy <== replayBusyCount.value
        running <== !clearing
    }
}

extension LinkEngine {
    /// The value an `IDSource` code names for the event in the commit
    /// stage: the "+ 1" sources from `NextIDs` made a stage earlier, so no
    /// adder follows the choice.
    func idChoice(_ source: Bits, event e: Packed<PipelineEvent>) -> Bits {
        let base = Packed<LinkWord>(self.base), plus = Packed<NextIDs>(basePlus)
        return select((0..<8).map { code -> Bits in
            switch IDSource(rawValue: code) {
            case .eventTx: e.txID
            case .lastTx: base.lastTx
            case .lastTxPlus1: plus.tx
            case .lastRx: base.lastRx
            case .lastRxPlus1: plus.rx
            case .openID: lit(UInt64(parameters.openTxID), 32)
            case .zero, nil: lit(0, 32)
            }
        }, at: source)
    }

    /// The committed word's `NextIDs`, from values with their "+ 1" made
    /// ahead: the base's, the event's TxID (one adder on a flop), our open ID.
    var committedPlus: Bits {
        let d = Packed<LinkDecisionWord>(decided), e = event(Self.commitStage), plus = Packed<NextIDs>(basePlus)
        let eventPlus = (e.txID + 1).named("event_tx_plus1")
        return Packed<NextIDs>.pack {
            $0.tx = select([plus.tx, eventPlus, lit((UInt64(parameters.openTxID) + 1) & 0xFFFF_FFFF, 32), plus.tx], at: d.txUpdate)
            $0.rx = mux(d.setRx, eventPlus, plus.rx)
        }.bits
    }
}

/// A link word's last TxID and last in-order RxID, each plus one (CLOSE's
/// TxID, NACK's RxID), carried beside the word from the stage that reads it
/// to the commit, so that a response's IDs are chosen, never added, late
/// in the pipeline.
struct NextIDs: PackedStruct {
    var tx = Field(32)
    var rx = Field(32)

    static func of(_ word: Packed<LinkWord>) -> Bits {
        Packed<NextIDs>.pack {
            $0.tx = word.lastTx + 1
            $0.rx = word.lastRx + 1
        }.bits
    }
}

/// A response in the response queue: a frame's header fields, and for a
/// PAYLOAD its replay slot and length (0 for a control frame).
struct ControlFrame: PackedStruct {
    var opcode = Field(WireLayout.opcodeBits)
    var vc = Field(8)
    var peerMAC = Field(48)
    var txID = Field(32)
    var rxID = Field(32)
    var slot = Field(16)
    var length = Field(16)
}

