import HDL

/// Q3 (s5): the decision becomes the new way word, the response, the
/// payload's fate and the link event; the word goes to the RAM from h1.
extension LinkEngine {
    /// The link as the event in s5 found it: the one ahead's new word when
    /// that wrote the same link (now in h1), a fresh word for a new link.
    @LogicBuilder var baseWord: Logic {
        base <== mux(allocates, lit(0, LinkWord.width), mux(followsAhead, historyWord[0], ownWord))
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
            $0.replayHead = base.replayHead
            $0.replaySend = base.replaySend
            $0.replayTail = base.replayTail
            $0.replayCount = base.replayCount
            $0.headTxID = base.headTxID
            $0.timerArmed = base.timerArmed
            $0.retries = base.retries
        }
    }

    @LogicBuilder var commit: Logic {
        let d = Packed<LinkDecisionWord>(decided), e = event(Self.commitStage), base = Packed<LinkWord>(self.base)
        baseWord
        committedWord
        historyWrites[0] <== writes
        historySet[0] <== sets[Self.commitStage]
        historyWay[0] <== way
        historyWord[0] <== committed
        historyLive[0] <== keeps
        historySetRx <== d.setRx
        historyTxUpdate <== d.txUpdate
        for i in 1..<Self.historyDepth {
            historyWrites[i] <== historyWrites[i - 1]
            historySet[i] <== historySet[i - 1]
            historyWay[i] <== historyWay[i - 1]
            historyWord[i] <== historyWord[i - 1]
            historyLive[i] <== historyLive[i - 1]
        }
        // The RAM: h1's word, or zeros into both ways while clearing.
        linkTable.writeWays <== mux(clearing, lit(3, 2), cat(historyWrites[0] && historyWay[0], historyWrites[0] && !historyWay[0]))
        linkTable.writeSet <== mux(clearing, clearSet, historySet[0])
        linkTable.writeWord <== mux(clearing, lit(0, LinkWord.width), historyWord[0])
        When(clearing) {
            clearSet <== clearSet + 1
            When(clearSet == geometry.sets - 1) {
                clearing <== 0
                accepting <== 1
            }
        }

        // The response's fields wait a cycle in flops; its IDs are chosen
        // there, so the ID adders do not follow the base word's choice.
        answerValid <== valid[Self.commitStage] && d.respond
        answer <== Packed<LinkAnswer>.pack {
            $0.opcode = d.opcode
            $0.txSource = d.txSource
            $0.rxSource = d.rxSource
            $0.vc = e.vc
            $0.peerMAC = e.peerMAC
            $0.eventTx = e.txID
            $0.lastTx = base.lastTx
            $0.lastRx = base.lastRx
        }
        let a = Packed<LinkAnswer>(answer)
        let ids = [lit(0, 32), a.eventTx, a.lastTx, a.lastTx + 1, a.lastRx, a.lastRx + 1,
                   lit(UInt64(parameters.openTxID), 32), lit(0, 32)]
        responses.in.valid <== answerValid
        responses.in.data <== Packed<FrameHeader>.pack {
            $0.opcode = a.opcode.zext(to: WireLayout.opcodeBits)
            $0.vc = a.vc
            $0.peerMAC = a.peerMAC
            $0.txID = select(ids, at: a.txSource)
            $0.rxID = select(ids, at: a.rxSource)
        }
        let report = (valid[Self.commitStage] && d.report).named("report")
        reports.in.valid <== report
        reports.in.data <== cat(d.reportKind.zext(to: 3), e.peerMAC, e.vc)
        fates.in.valid <== valid[Self.commitStage] && e.hasPayload
        fates.in.data <== cat(d.deliver, e.peerMAC, e.vc)
        responseCredits.giveA <== responses.out.valid && responses.out.ready
        responseCredits.giveB <== valid[Self.commitStage] && e.needsResponse && !e.dropped && !d.respond
        reportCredits.giveA <== reports.out.valid && reports.out.ready
        reportCredits.giveB <== valid[Self.commitStage] && e.needsReport && !e.dropped && !d.report
    }

    @LogicBuilder var outputs: Logic {
        descValid <== responses.out.valid
        responses.out.ready <== descReady
        desc.drive(from: Packed<FrameHeader>(responses.out.data))
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
        running <== !clearing
    }
}

/// A response on its way to the response queue: the decision's opcode and
/// ID sources, the link, and the values the IDs are taken from.
struct LinkAnswer: PackedStruct {
    var opcode = Field(4)
    var txSource = Field(3)
    var rxSource = Field(3)
    var vc = Field(8)
    var peerMAC = Field(48)
    var eventTx = Field(32)
    var lastTx = Field(32)
    var lastRx = Field(32)
}
