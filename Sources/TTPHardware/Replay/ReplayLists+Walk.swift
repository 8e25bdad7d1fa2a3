import HDL

/// The walker's jobs, phase by phase: pick a job, read the link's record
/// (`fetch`, `fetchWait`, `load`; none if it is the record just written), let the
/// flags settle, act (append, reopen, send, retire slot by slot, or mark
/// the link closing), write the record back while picking the next job.
extension ReplayLists {
    @LogicBuilder var walk: Logic {
        Switch(phase) { p in
            switch p {
            case .clearing: clear
            case .idle: pickJob(held: recordHeld.bits)
            case .refuse:
                // The ordered payload's slot goes back, counted.
                giveSlot <== 1
                giveSlotAt <== ordered.slot.truncated(to: slotBits)
                countRefused <== 1
                phase <== .idle
            case .fetch:
                readRecord <== 1
                phase <== .fetchWait
            case .fetchWait: phase <== .load
            case .load: load
            case .settle:
                // The head's next slot, in case the job retires it.
                readSlot <== 1
                readSlotAt <== current.head.truncated(to: slotBits)
                act
            case .append: append
            case .reopen: reopen
            case .sendCheck: sendCheck
            case .sendWait: phase <== .offer
            case .offer: offer
            case .retireCheck: retireCheck
            case .retireTake: retireTake
            case .retireSettle:
                // Ask for the new head's next slot, in case it goes too.
                readSlot <== 1
                readSlotAt <== current.head.truncated(to: slotBits)
                phase <== .retireCheck
            case .afterRetire: afterRetire
            case .closeCheck: closeCheck
            case .offerClose: offerClose
            case .writeBack: writeBack
            }
        }
    }

    func isJob(_ kind: ReplayCommandKind) -> Bits { job[kind.rawValue] }
    var flushing: Bits { isJob(.flush) }
    var isSendJob: Bits { job[Self.sendJob] }
    var isResumeJob: Bits { job[Self.resumeJob] }

    @LogicBuilder var clear: Logic {
        writeRecord <== 1
        clearIndex <== clearIndex + 1
        When(clearIndex == links - 1) { phase <== .idle }
    }

    /// The job `choice` made a cycle ago (a link due to resume, then
    /// commands and sends in turn). A refused payload needs no record: its
    /// slot goes back (`refuse`).
    /// A job for the link whose record is held (`held`: just written back)
    /// skips the read.
    @LogicBuilder func pickJob(held: Bits) -> Logic {
        When(choice[2]) {
            takeResume <== 1
            job <== lit(1 << Self.resumeJob, Self.jobs)
            begin(resumeLink, hit: held && hits[2])
        }.elseWhen(choice[1]) {
            takeCommand <== 1
            order <== nextCommand.out.data
            job <== cat((0..<Self.jobs).reversed().map { $0 < Self.sendJob ? incoming.kind == $0 : lit(0, 1) })
            sendsNext <== 1
            When(incoming.kind == ReplayCommandKind.refuse.rawValue) {
                phase <== .refuse
            }.otherwise {
                begin(commandLink, hit: held && hits[1])
            }
        }.elseWhen(choice[0]) {
            takeSend <== 1
            job <== lit(1 << Self.sendJob, Self.jobs)
            sendsNext <== 0
            begin(sendQueue.out.data.bits, hit: held && hits[0])
        }.otherwise {
            phase <== .idle
        }
    }

    /// Start a job on `next`'s record: the one held, or read from the RAM.
    @LogicBuilder func begin(_ next: Bits, hit: Bits) -> Logic {
        link <== next
        When(hit) {
            phase <== .settle
        }.otherwise {
            recordHeld <== 0
            phase <== .fetch
        }
    }

    /// The record has arrived.
    @LogicBuilder var load: Logic {
        record <== records.readData
        phase <== .settle
    }

    /// The flags now hold for the record: go to the job's phase.
    @LogicBuilder var act: Logic {
        When(isJob(.append)) {
            // A closing link takes no more: refused (the record unchanged).
            phase <== mux(current.closing, Phase.refuse.bits, Phase.append.bits)
        }.elseWhen(isJob(.opened) || isResumeJob) {
            phase <== .reopen
        }.elseWhen(isSendJob) {
            phase <== .sendCheck
        }.elseWhen(isJob(.closeWanted)) {
            phase <== .closeCheck
        }.otherwise {
            // ACK, NACK, NACK_FULL, flush: retire from the head.
            phase <== .retireCheck
        }
    }

    /// The ordered slot joins the tail (the old tail's next pointer is
    /// written). On a link that may send with nothing waiting, it goes out
    /// at once; else a link that may send, not yet queued, joins the send
    /// queue.
    @LogicBuilder var append: Logic {
        let r = current, c = ordered, f = judged
        let sendsNow = (c.sendable && !r.sendPending && !r.paused && sendSlice.in.ready).named("append_sends_now")
        let queues = (c.sendable && !r.paused && !r.queued && !sendsNow).named("append_queues")
        record <== Packed<ReplayListRecord>.pack {
            $0.started = lit(1, 1)
            $0.count = r.count + 1
            $0.head = mux(f.nonEmpty, r.head, c.slot)
            $0.headTx = mux(f.nonEmpty, r.headTx, f.appendID)
            $0.tail = c.slot
            $0.tailTx = f.appendID
            $0.sendSlot = mux(r.sendPending, r.sendSlot, c.slot)
            $0.sendTx = mux(r.sendPending, r.sendTx, f.appendID)
            $0.sendPending = !sendsNow
            $0.freshFrom = mux(sendsNow, f.appendIDNext, mux(r.started, r.freshFrom, f.appendID))
            $0.lastSent = mux(sendsNow, f.appendID, mux(r.started, r.lastSent, c.id))
            $0.open = c.sendable
            $0.paused = r.paused
            $0.queued = r.queued || queues
            $0.peerMAC = c.peerMAC
            $0.vc = c.vc
        }.bits
        offering <== sendsNow
        sendingNew <== 1
        writeNext <== f.nonEmpty
        queueSend <== queues
        phase <== .writeBack
    }

    /// opened: the link may send; resume: its back-off is over. Either way
    /// a link with something to send joins the send queue.
    @LogicBuilder var reopen: Logic {
        let r = current
        let open = r.open || isJob(.opened), paused = r.paused && isJob(.opened)
        let queues = open && !paused && r.sendPending && !r.queued
        record <== r.with(\.open, open).with(\.paused, paused).with(\.queued, r.queued || queues).bits
        queueSend <== queues
        phase <== .writeBack
    }

    /// A link from the send queue: read the send point's length and next
    /// slot, or, with nothing to send now, leave the queue.
    @LogicBuilder var sendCheck: Logic {
        let r = current
        When(r.open && r.sendPending && !r.paused) {
            readSlot <== 1
            readSlotAt <== r.sendSlot.truncated(to: slotBits)
            phase <== .sendWait
        }.otherwise {
            record <== r.with(\.queued, 0).bits
            phase <== .writeBack
        }
    }

    /// Hand the PAYLOAD at the send point to the register slice towards the
    /// engine; the send point moves on, and a link with more queues again
    /// behind the others.
    @LogicBuilder var offer: Logic {
        let r = current, f = judged
        When(sendSlice.in.ready) {
            offering <== 1
            record <== r.with(\.freshFrom, mux(f.fresh, f.sendTxNext, r.freshFrom))
                .with(\.lastSent, mux(f.fresh, r.sendTx, r.lastSent)).with(\.sendPending, f.more)
                .with(\.queued, f.more).with(\.sendSlot, mux(f.more, nextSlots.readData.zext(to: 16), r.sendSlot))
                .with(\.sendTx, mux(f.more, f.sendTxNext, r.sendTx)).bits
            queueSend <== f.more
            phase <== .writeBack
        }
    }

    /// Retire the head if the job covers it: every slot for a flush, else
    /// those sent up to an ACK's ID or before a NACK's. (Its next slot was asked for a
    /// cycle ago, as the head became what it is.)
    @LogicBuilder var retireCheck: Logic {
        let f = judged
        let covered = f.headSent && mux(isJob(.ack), f.headUpToID, f.headBeforeID)
        When(f.nonEmpty && (flushing || covered)) {
            phase <== .retireTake
        }.otherwise {
            phase <== .afterRetire
        }
    }

    /// The head's next slot has arrived: the head goes back to the free
    /// list (only now, after its pointer was read) and the list moves on;
    /// a send point on the retired slot moves with it.
    @LogicBuilder var retireTake: Logic {
        let r = current, f = judged
        let next = nextSlots.readData.zext(to: 16)
        let movesSend = (r.sendPending && f.sendsHead).named("retire_moves_send")
        giveSlot <== 1
        giveSlotAt <== r.head.truncated(to: slotBits)
        countFlushed <== flushing
        record <== r.with(\.head, next).with(\.headTx, f.headTxNext).with(\.count, r.count - 1)
            .with(\.sendSlot, mux(movesSend, next, r.sendSlot)).with(\.sendTx, mux(movesSend, f.headTxNext, r.sendTx))
            .with(\.sendPending, r.sendPending && !(movesSend && f.single)).bits
        // The last slot held, or the last the job covers: no need to look
        // again; an ACK has nothing more to do. The last slot of a closing
        // link: its close goes out.
        let done = f.single || (!flushing && (f.headLastSent || (isJob(.ack) && f.headIsID)))
        let drained = (f.single && r.closing && !flushing).named("retire_drains")
        phase <== mux(drained, Phase.offerClose.bits,
                      mux(done, mux(isJob(.ack), Phase.writeBack.bits, Phase.afterRetire.bits), Phase.retireSettle.bits))
    }

    /// After retiring: a flush clears the list (the queue marks stay: the
    /// link may still sit in a queue); a NACK sends again from its ID, if
    /// that is now the head and was sent: at once, in this job, if the link
    /// may send and is not waiting in the send queue (the head's length and
    /// next slot are read as for a send job); NACK_FULL also pauses the link.
    @LogicBuilder var afterRetire: Logic {
        let r = current, f = judged
        When(isJob(.flush)) {
            record <== Packed<ReplayListRecord>.pack {
                $0.paused = r.paused
                $0.queued = r.queued
            }.bits
            phase <== .writeBack
        }.elseWhen(isJob(.nack) || isJob(.nackFull)) {
            let rewinds = f.nonEmpty && f.headIsID && f.idSent
            let pauses = isJob(.nackFull)
            let paused = r.paused || pauses
            let sendsNow = (rewinds && r.open && !paused && !r.queued).named("nack_sends_now")
            record <== r.with(\.sendSlot, mux(rewinds, r.head, r.sendSlot)).with(\.sendTx, mux(rewinds, r.headTx, r.sendTx))
                .with(\.sendPending, r.sendPending || rewinds).with(\.paused, paused).bits
            queueBackoff <== pauses && !r.paused
            readSlot <== sendsNow
            readSlotAt <== r.head.truncated(to: slotBits)
            phase <== mux(sendsNow, Phase.sendWait.bits, Phase.writeBack.bits)
        }.otherwise {
            phase <== .writeBack
        }
    }

    /// close wanted: mark the link closing; with nothing held, its close
    /// goes out now.
    @LogicBuilder var closeCheck: Logic {
        record <== current.with(\.closing, 1).bits
        phase <== mux(judged.nonEmpty, Phase.writeBack.bits, Phase.offerClose.bits)
    }

    /// The drained close to the register slice towards the engine: its
    /// peer and vc from the command when the close came with one (the link
    /// may never have had a payload), else from the record.
    @LogicBuilder var offerClose: Logic {
        When(sendSlice.in.ready) {
            offering <== 1
            offeringClose <== 1
            sendingNew <== isJob(.closeWanted)
            phase <== .writeBack
        }
    }

    /// The record goes back to the RAM, and the next job starts.
    @LogicBuilder var writeBack: Logic {
        writeRecord <== 1
        writeRecordData <== record
        recordHeld <== 1
        pickJob(held: lit(1, 1))
    }
}
