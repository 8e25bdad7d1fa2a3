import HDL

/// Q0 of the link pipeline: picks one event a clock from the sources and
/// turns it into a `PipelineEvent` with its link's set.
///
/// It gives each source's event (`rec_pick`, `cmd_pick`, with their sets)
/// and the grant (`pick_cmd`) apart: the engine registers both events and
/// the grant and chooses after the flops (`LateChoice`), so the grant,
/// decided late in the cycle, drives a few flops instead of a mux in front
/// of some 180.
///
/// Priority: round robin between the sources (`RoundRobinArbiter`): a
/// source with an event waiting is picked within 2 events of the pipeline
/// (now two sources: received frame records and host commands; host
/// payloads, replay work and the timer join in the next issues). The
/// pipeline never stalls, so that is 2 cycles.
///
/// Room: a received frame that must be answered (OPEN, CLOSE, PAYLOAD) or
/// may report a link event needs a reserved place on the response path or
/// the event queue. The picker only says what the event needs
/// (`needsResponse`, `needsReport`); the engine's s0 compares that with the
/// room this cycle's `response_room` / `report_room` showed and takes the
/// places (so no credit count waits on the choice made here). Without room
/// the frame is still picked (`net_rx` never waits) but dropped: it changes
/// nothing, its payload is discarded, and `drop_response_busy` or
/// `drop_report_busy` counts it, as if it had been lost on the wire. A
/// command waits for room instead (`cmd_ready` stays 0). An unknown
/// `cmd_op` is taken and ignored.
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

    /// Room for one more response / link event even if the event picked
    /// last cycle takes one (`CreditCounter.twoAvailable`: s0 takes a place
    /// a cycle after the pick). A command waits for both.
    public let responseRoom = Input(1)
    public let reportRoom = Input(1)

    public let pickValid = Output(1)
    /// The command is picked (else the record, if `pick_valid`).
    public let pickCmd = Output(1)
    public let recPick = Output(PipelineEvent.width)
    public let recPickSet: Output
    public let cmdPick = Output(PipelineEvent.width)
    public let cmdPickSet: Output

    let arbiter = RoundRobinArbiter(count: 2)
    let geometry: LinkTableGeometry

    public init(_ geometry: LinkTableGeometry) {
        self.geometry = geometry
        recSet = Input(geometry.setBits)
        recPickSet = Output(geometry.setBits)
        cmdPickSet = Output(geometry.setBits)
    }

    public var moduleName: String { "ttp_event_picker" }

    public var body: Logic {
        // Received frames: the opcode as a one-hot event, and what it may need.
        let recEvent = cat(LinkEvent.allCases.reversed().map { event in
            event.rawValue <= LinkEvent.nackNoLink.rawValue ? (rec.opcode == event.rawValue) : lit(0, 1)
        }).named("rec_event")
        let recNeedsResponse = needs(recEvent, \.mayRespond).named("rec_needs_response")
        let recNeedsReport = needs(recEvent, \.mayReport).named("rec_needs_report")
        // Commands: open and close need a place for a response and an event.
        let cmdKnown = (cmd.op.bits(1, 1) == 0).named("cmd_known")
        let cmdEvent = cat(LinkEvent.allCases.reversed().map { event in
            event == .localOpen ? cmdKnown && cmd.op[0] == 0 : event == .localClose ? cmdKnown && cmd.op[0] == 1 : lit(0, 1)
        }).named("cmd_event")
        let cmdHasRoom = (!cmdKnown || (responseRoom && reportRoom)).named("cmd_has_room")

        arbiter.request <== cat(cmd.valid && cmdHasRoom, recValid)
        arbiter.advance <== 1
        let commandGranted = arbiter.grant[1]
        let pickRec = arbiter.grant[0]
        recReady <== pickRec
        cmd.ready <== commandGranted

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
            $0.needsResponse = recNeedsResponse
            $0.needsReport = recNeedsReport
        }
        cmdPick <== Packed<PipelineEvent>.pack {
            $0.event = cmdEvent
            $0.code = mux(cmdKnown, mux(cmd.op[0], lit(UInt64(LinkEvent.localClose.rawValue), 4),
                                        lit(UInt64(LinkEvent.localOpen.rawValue), 4)), lit(UInt64(LinkEvent.noEvent), 4))
            $0.peerMAC = cmd.mac.bits
            $0.vc = cmd.vc.bits
            $0.needsResponse = cmdKnown
            $0.needsReport = cmdKnown
        }
        // Each source's set is ready before the choice, off the arbiter's
        // path: a record's comes with it, a command's is hashed here.
        cmdPickSet <== geometry.set(of: cat(cmd.mac, cmd.vc))
        recPickSet <== recSet
        pickValid <== pickRec || (commandGranted && cmdKnown)
        pickCmd <== commandGranted
    }

    /// 1 when the one-hot `event` is one of those with `property`.
    private func needs(_ event: Bits, _ property: KeyPath<LinkEvent, Bool>) -> Bits {
        let bits = LinkEvent.allCases.filter { $0[keyPath: property] }.map { event[$0.rawValue] }
        return bits.dropFirst().reduce(bits[0]) { $0 | $1 }
    }
}
