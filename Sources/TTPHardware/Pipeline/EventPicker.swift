import HDL

/// Q0 of the link pipeline: picks one event a clock from the sources and
/// turns it into a `PipelineEvent` with its link's set.
///
/// Sources: received frame records (`rec_*`), and three local ones: host
/// commands (`cmd_*`), host payloads taken into replay slots (`host_*`)
/// and the replay lists' sends (`send_*`: a PAYLOAD, or a drained close,
/// `send_close`, which enters as a close command); the timer joins in its issue.
/// It gives the record's event (`rec_pick`) and the local one granted
/// (`local_pick`, with their sets) and the grant (`pick_local`) apart: the
/// engine registers both events and the grant and chooses after the flops
/// (`LateChoice`), so the grant, decided late in the cycle, drives a few
/// flops instead of a mux in front of some 180.
///
/// Priority: the local sources take turns among themselves, chosen a
/// cycle ahead (`RoundRobinChoice`: the choice is a flop, so neither the
/// local event's mux nor the sources' `ready`s wait on logic), and the
/// chosen one alternates with the records (`RoundRobinArbiter`). A record
/// waits at most one event; a local source with an event (and room) waits
/// at most two events for each of the other two local sources, and a
/// cycle more to be seen: within 8 cycles, as the pipeline never stalls.
///
/// Room: a received frame that must be answered (OPEN, CLOSE, PAYLOAD),
/// may report a link event or may command the replay lists needs a
/// reserved place on the response path, the event queue or the replay
/// queue. The picker only says what the event needs (`needsResponse`,
/// `needsReport`, `needsReplay`); the engine's s0 compares that with the
/// room this cycle's `*_room` inputs showed and takes the places (so no
/// credit count waits on the choice made here). Without room
/// the frame is still picked (`net_rx` never waits) but dropped: it changes
/// nothing, its payload is discarded, and `drop_response_busy` or
/// `drop_report_busy` / `drop_replay_busy` counts it, as if it had been lost
/// on the wire. A local event waits for room instead (its `ready` stays 0):
/// every local source for all three places (a send needs only a
/// response's, but a choice of rooms by the send's kind would put a gate
/// on Q0's slowest path; the other two queues are rarely full). An
/// unknown `cmd_op` is taken and ignored.
public final class EventPicker: Module {
    public let recValid = Input(1)
    public let recReady = Output(1)
    public let rec = FrameHeaderPorts<Input>()
    public let recPayloadDropped = Input(1)
    /// The record's payload beats follow (its length is not 0 and it had room).
    public let recHasPayload = Input(1)
    /// The record's set, hashed by the parser.
    public let recSet: Input

    public let cmd = LinkCommandPorts<Input, Output>()
    public let host: PayloadRecordPorts<Input, Output>
    public let send: ReplaySendPorts<Input, Output>

    /// Room for one more response / link event / replay command even if the
    /// event picked last cycle takes one (`CreditCounter.twoAvailable`: s0
    /// takes a place a cycle after the pick).
    public let responseRoom = Input(1)
    public let reportRoom = Input(1)
    public let replayRoom = Input(1)

    public let pickValid = Output(1)
    /// A local event is picked (else the record, if `pick_valid`).
    public let pickLocal = Output(1)
    public let recPick = Output(PipelineEvent.width)
    public let recPickSet: Output
    public let localPick = Output(PipelineEvent.width)
    public let localPickSet: Output

    let arbiter = RoundRobinArbiter(count: 2)
    let localChoice = RoundRobinChoice(count: 3)
    let geometry: LinkTableGeometry

    public init(_ geometry: LinkTableGeometry, slotBits: Int) {
        self.geometry = geometry
        recSet = Input(geometry.setBits)
        recPickSet = Output(geometry.setBits)
        localPickSet = Output(geometry.setBits)
        host = PayloadRecordPorts(slotBits: slotBits)
        send = ReplaySendPorts(slotBits: slotBits)
    }

    public var moduleName: String { "ttp_event_picker" }

    public var body: Logic {
        // Received frames: the opcode as a one-hot event, and what it may need.
        let recEvent = cat(LinkEvent.allCases.reversed().map { event in
            event.rawValue <= LinkEvent.nackNoLink.rawValue ? (rec.opcode == event.rawValue) : lit(0, 1)
        }).named("rec_event")
        // Commands: open and close need a place for a response and an event.
        let cmdKnown = (cmd.op.bits(1, 1) == 0).named("cmd_known")
        let allRoom = (responseRoom && reportRoom && replayRoom).named("all_room")

        // Bits 0, 1, 2: command, host payload, send.
        let localValid = cat(send.valid, host.valid, cmd.valid)
        let localRoom = cat(allRoom, allRoom, !cmdKnown || allRoom)
        let chosen = localChoice.choice
        let localOffer = (chosen & localValid & localRoom).orReduce().named("local_offer")
        arbiter.request <== cat(localOffer, recValid)
        arbiter.advance <== 1
        let takeLocal = arbiter.grant[1]
        recReady <== arbiter.grant[0]
        cmd.ready <== takeLocal && chosen[0]
        host.ready <== takeLocal && chosen[1]
        send.ready <== takeLocal && chosen[2]
        localChoice.request <== localValid
        localChoice.take <== takeLocal

        let header = rec.record
        recPick <== Packed<PipelineEvent>.pack {
            $0.event = recEvent
            // An accepted frame's opcode is one of the 11: its low bits are its number.
            $0.code = rec.opcode.bits(LinkEvent.codeBits - 1, 0)
            $0.peerMAC = header.peerMAC
            $0.vc = header.vc
            $0.txID = header.txID
            $0.rxID = header.rxID
            $0.stored = !recPayloadDropped
            $0.hasPayload = recHasPayload.bits
            $0.needsResponse = needs(recEvent, \.mayRespond)
            $0.needsReport = needs(recEvent, \.mayReport)
            $0.needsReplay = needs(recEvent, \.mayCommandReplay)
        }
        let open = cmdKnown && cmd.op[0] == 0, close = cmdKnown && cmd.op[0] == 1
        let cmdEvent = oneHot([(.localOpen, open), (.localClose, close)])
        let cmdPick = Packed<PipelineEvent>.pack {
            $0.event = cmdEvent
            $0.code = mux(cmdKnown, mux(cmd.op[0], code(.localClose), code(.localOpen)), lit(UInt64(LinkEvent.noEvent), 4))
            $0.peerMAC = cmd.mac.bits
            $0.vc = cmd.vc.bits
            $0.needsResponse = needs(cmdEvent, \.mayRespond)
            $0.needsReport = needs(cmdEvent, \.mayReport)
            $0.needsReplay = needs(cmdEvent, \.mayCommandReplay)
        }
        let hostPick = Packed<PipelineEvent>.pack {
            $0.event = oneHot([(.hostPayload, lit(1, 1))])
            $0.code = code(.hostPayload)
            $0.peerMAC = host.mac.bits
            $0.vc = host.vc.bits
            $0.rxID = cat(host.slot.zext(to: 16), host.length)
            $0.needsResponse = bit(LinkEvent.hostPayload.mayRespond)
            $0.needsReport = bit(LinkEvent.hostPayload.mayReport)
            $0.needsReplay = bit(LinkEvent.hostPayload.mayCommandReplay)
        }
        // A send, or a drained close (its `drained` flag in bit 2, as `fresh`).
        let sendEvent = oneHot([(.send, !send.close), (.localClose, send.close.bits)])
        let sendPick = Packed<PipelineEvent>.pack {
            $0.event = sendEvent
            $0.code = mux(send.close, code(.localClose), code(.send))
            $0.peerMAC = send.mac.bits
            $0.vc = send.vc.bits
            $0.txID = send.txId.bits
            $0.rxID = cat(send.slot.zext(to: 16), send.length)
            $0.stored = send.fresh || send.close
            $0.needsResponse = needs(sendEvent, \.mayRespond)
            $0.needsReport = needs(sendEvent, \.mayReport)
            $0.needsReplay = needs(sendEvent, \.mayCommandReplay)
        }
        // The chosen local event and its set, selected by the choice's flop.
        localPick <== mux(chosen[2], sendPick.bits, mux(chosen[1], hostPick.bits, cmdPick.bits))
        // Each source's set is ready before the choice: a record's comes
        // with it, the local ones are hashed here.
        localPickSet <== mux(chosen[2], geometry.set(of: cat(send.mac, send.vc)),
                             mux(chosen[1], geometry.set(of: cat(host.mac, host.vc)), geometry.set(of: cat(cmd.mac, cmd.vc))))
        recPickSet <== recSet
        pickValid <== arbiter.grant[0] || (takeLocal && (!chosen[0] || cmdKnown))
        pickLocal <== takeLocal
    }

    /// 1 when the one-hot `event` is one of those with `property`.
    private func needs(_ event: Bits, _ property: KeyPath<LinkEvent, Bool>) -> Bits {
        let bits = LinkEvent.allCases.filter { $0[keyPath: property] }.map { event[$0.rawValue] }
        return bits.dropFirst().reduce(bits[0]) { $0 | $1 }
    }

    /// A one-hot event vector with the given bits.
    private func oneHot(_ set: [(LinkEvent, Bits)]) -> Bits {
        cat(LinkEvent.allCases.reversed().map { event in set.first { $0.0 == event }?.1 ?? lit(0, 1) })
    }

    private func code(_ event: LinkEvent) -> Bits { lit(UInt64(event.rawValue), LinkEvent.codeBits) }

    private func bit(_ value: Bool) -> Bits { lit(value ? 1 : 0, 1) }
}
