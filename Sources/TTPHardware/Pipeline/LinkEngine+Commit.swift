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
        historySet[0] <== set(Self.commitStage)
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

        // The response waits a cycle in flops, its IDs chosen but for the
        // "+ 1" of the sources that add one: the adders come after the flops,
        // the choice before them, so neither follows the other in a cycle.
        let (tx, txPlus) = idChoice(d.txSource, base: base, event: e)
        let (rx, rxPlus) = idChoice(d.rxSource, base: base, event: e)
        answerValid <== valid[Self.commitStage] && d.respond
        answer <== Packed<LinkAnswer>.pack {
            $0.opcode = d.opcode
            $0.vc = e.vc
            $0.peerMAC = e.peerMAC
            $0.txID = tx
            $0.txPlusOne = txPlus
            $0.rxID = rx
            $0.rxPlusOne = rxPlus
        }
        let a = Packed<LinkAnswer>(answer)
        responses.in.valid <== answerValid
        responses.in.data <== Packed<ControlFrame>.pack {
            $0.opcode = a.opcode.zext(to: WireLayout.opcodeBits)
            $0.vc = a.vc
            $0.peerMAC = a.peerMAC
            $0.txID = a.txID + a.txPlusOne.zext(to: 32)
            $0.rxID = a.rxID + a.rxPlusOne.zext(to: 32)
        }
        let report = (valid[Self.commitStage] && d.report).named("report")
        reports.in.valid <== report
        reports.in.data <== cat(d.reportKind.zext(to: 3), e.peerMAC, e.vc)
        // Whether the event has a fate to give is known a stage early: a flop
        // drives the fate queue's push, off `valid`'s wide net.
        givesFate <== valid[Self.commitStage - 1] && event(Self.commitStage - 1).hasPayload
        fates.in.valid <== givesFate
        fates.in.data <== cat(d.deliver, e.peerMAC, e.vc)
        responseCredits.giveA <== responses.out.valid && responses.out.ready
        responseCredits.giveB <== valid[Self.commitStage] && e.needsResponse && !e.dropped && !d.respond
        reportCredits.giveA <== reports.out.valid && reports.out.ready
        reportCredits.giveB <== valid[Self.commitStage] && e.needsReport && !e.dropped && !d.report
    }

    @LogicBuilder var outputs: Logic {
        descValid <== responses.out.valid
        responses.out.ready <== descReady
        // Responses are control frames: no payload, so the TX builder's
        // frame plan is a constant for them.
        let response = Packed<ControlFrame>(responses.out.data)
        desc.drive(from: Packed<FrameHeader>.pack {
            $0.opcode = response.opcode
            $0.vc = response.vc
            $0.peerMAC = response.peerMAC
            $0.txID = response.txID
            $0.rxID = response.rxID
            $0.payloadLength = lit(0, 16)
        })
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

extension LinkEngine {
    /// The value an `IDSource` code names, without its "+ 1", and whether it
    /// adds one.
    func idChoice(_ source: Bits, base: Packed<LinkWord>, event e: Packed<PipelineEvent>) -> (Bits, Bits) {
        let openID = lit(UInt64(parameters.openTxID), 32)
        let value = select((0..<8).map { code -> Bits in
            switch IDSource(rawValue: code) {
            case .eventTx: e.txID
            case .lastTx, .lastTxPlus1: base.lastTx
            case .lastRx, .lastRxPlus1: base.lastRx
            case .openID: openID
            case .zero, nil: lit(0, 32)
            }
        }, at: source)
        let plusOne = source == IDSource.lastTxPlus1.rawValue || source == IDSource.lastRxPlus1.rawValue
        return (value, plusOne)
    }
}

/// A response in the response queue: a control frame's header fields.
struct ControlFrame: PackedStruct {
    var opcode = Field(WireLayout.opcodeBits)
    var vc = Field(8)
    var peerMAC = Field(48)
    var txID = Field(32)
    var rxID = Field(32)
}

/// A response on its way to the response queue: the decision's opcode, the
/// link, and its IDs but for a last "+ 1".
struct LinkAnswer: PackedStruct {
    var opcode = Field(4)
    var vc = Field(8)
    var peerMAC = Field(48)
    var txID = Field(32)
    var txPlusOne = Field(1)
    var rxID = Field(32)
    var rxPlusOne = Field(1)
}
