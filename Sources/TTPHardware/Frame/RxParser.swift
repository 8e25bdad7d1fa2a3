import HDL

/// `ttp_rx_parser`: the RX frame parser of the endpoint. Takes Ethernet
/// frames from the MAC, applies the receive rules, and for each accepted
/// frame emits one header record (`hdr_*`) and its payload (`pay_*`,
/// realigned to byte 0, exactly payload-length bytes, no beats for an empty
/// payload), payloads in the order of the records. A dropped frame emits
/// nothing and bumps exactly one `drop_*` counter.
///
/// Store and forward: the MAC flags a bad FCS only on the last beat, so a
/// frame's payload is written to `RxPayloadBuffer` as it arrives and only
/// committed (or rolled back) once its last beat is judged, when its header
/// record enters a FIFO.
///
/// A pipeline of four stages, each beat moving one stage a cycle, so frames
/// are taken back to back at every width (at 512 bits a 64-byte frame is one
/// beat: one frame a cycle) and no path has more than a few gates between
/// flops:
/// - stage 0, the bus: the beat's place in its frame and the header bytes
///   (`RxHeaderCapture`), the facts of single header fields (`RxFieldCheck`)
///   and of the frame's end (`RxFrameEnd`);
/// - stage 1: the header rules and the record (`RxHeaderCheck`), the
///   payload's shape (`RxPayloadPlan`), the payload claimed past the end;
/// - stage 2: the verdict (`RxVerdict`), the span count (`PayloadRealigner`);
/// - stage 3: payload writes, and on the last beat the decision: commit or
///   roll back the payload, push the record or count the drop.
///
/// `net_rx_tready` is 1 at all times: the parser never stalls the MAC (it
/// cannot wait). When the payload buffer has no room for a frame's payload,
/// the frame is still accepted with `hdr_payload_dropped` = 1 and no payload
/// beats (the protocol pipeline answers NACK_FULL); when the record FIFO is
/// full the frame is lost whole and counted in `drop_overflow`.
public final class RxParser: Module {
    public let cfgLocalMac = Input(48)

    public let netRx: AxiStreamIn
    /// On the last beat: 1 = bad FCS.
    public let netRxTuser = Input(1)

    public let hdrValid = Output(1)
    public let hdrReady = Input(1)
    /// The record's fields; `hdr_peer_mac` is the frame's source MAC.
    public let hdr = FrameHeaderPorts<Output>()
    /// The payload had no room: none of its beats follow on `pay_*`.
    public let hdrPayloadDropped = Output(1)
    /// Payload beats of this record follow on `pay_*` (it has a payload, and
    /// it had room), worked out before the record FIFO so a reader need not
    /// test the length.
    public let hdrHasPayload = Output(1)
    /// The record's set in the link table (`LinkTableGeometry.set(of:)` of
    /// {peer MAC, vc}), hashed here as the record is pushed so that the link
    /// engine's Q0 only chooses among ready values.
    public let hdrSet: Output

    public let pay: AxiStreamOut
    public let drop = DropCounts()

    let capture: RxHeaderCapture
    let fields: RxFieldCheck
    let frameEnd: RxFrameEnd
    let stage1: RxBeatStage
    let check = RxHeaderCheck()
    let plan: RxPayloadPlan
    /// The frame-end facts of the beat in stage 2, for the verdict.
    let frameEndLater = Reg(RxFrameEndFacts.width)
    let stage2: RxBeatStage
    let verdict = RxVerdict()
    let stage3: RxBeatStage
    // The frame's values for stage 3, taken from stage 2 at its frame-info beat.
    let record = Reg(FrameHeader.width)
    let payloadEntries = Reg(16)
    let noPayloadEntries = Reg(1)
    let commitAmounts = Reg(RxCommitAmounts.width)
    let tailOnly = Reg(1)
    let lastKeep: Reg
    /// The payload-room decision taken at the header beat, for the frame's later beats.
    let storingLater = Reg(1, init: 0)
    let realigner: PayloadRealigner
    let payloadBuffer: RxPayloadBuffer
    /// Header records: the link-table set, `FrameHeader`, the payload-dropped
    /// bit, the has-payload bit.
    let headerFifo: SyncFifo
    let linkGeometry: LinkTableGeometry
    let counters = DropCounters()

    public let parameters: EndpointParameters
    /// Entries the payload buffer holds: at least two largest payloads, a power of two.
    public let payloadBufferEntries: Int
    public let geometry: BusGeometry
    public let headerFifoDepth: Int

    public init(_ parameters: EndpointParameters = EndpointParameters(), headerFifoDepth: Int = 16) {
        precondition(parameters.problems.isEmpty, parameters.problems.joined(separator: "; "))
        self.parameters = parameters
        linkGeometry = LinkTableGeometry(links: parameters.links)
        hdrSet = Output(linkGeometry.setBits)
        self.headerFifoDepth = headerFifoDepth
        let geometry = BusGeometry(parameters), width = parameters.dataWidth
        self.geometry = geometry
        payloadBufferEntries = RxParser.bufferEntries(maxPayload: parameters.maxPayload, bytesPerBeat: width / 8)
        netRx = AxiStreamIn(dataWidth: width)
        pay = AxiStreamOut(dataWidth: width)
        capture = RxHeaderCapture(geometry)
        fields = RxFieldCheck(geometry, etherType: parameters.etherType, maxPayload: parameters.maxPayload)
        frameEnd = RxFrameEnd(geometry)
        plan = RxPayloadPlan(geometry)
        (stage1, stage2, stage3) = (RxBeatStage(dataWidth: width), RxBeatStage(dataWidth: width), RxBeatStage(dataWidth: width))
        lastKeep = Reg(width / 8)
        realigner = PayloadRealigner(geometry)
        payloadBuffer = RxPayloadBuffer(geometry, depth: payloadBufferEntries, technology: parameters.ram)
        headerFifo = SyncFifo(width: linkGeometry.setBits + FrameHeader.width + 2, depth: headerFifoDepth, technology: parameters.ram, bypass: true)
        assert(headerFifo.pushToPop == Self.recordDelay - Self.decisionDelay)
    }

    public var moduleName: String { "ttp_rx_parser" }

    /// Header records the parser holds for `hdr_*` at most (the FIFO's RAM
    /// and its read-ahead registers): a frame decided while this many wait
    /// is lost whole and counted in `drop_overflow`.
    public var recordCapacity: Int { headerFifo.capacity }

    /// Cycles from a frame's last beat on `net_rx` to its decision in stage 3:
    /// the cycle whose clock edge pushes its record (or counts its drop) and
    /// commits its payload, looking at the records and the room of that
    /// cycle (room for a payload is decided when its header beat is there).
    public static let decisionDelay = 3

    /// Cycles from a frame's last beat on `net_rx` to its record on `hdr_*`
    /// when no record waits: the decision, then the record FIFO's bypass.
    public static let recordDelay = decisionDelay + 1

    /// Payload entries fetched from the buffer's RAM but not yet taken on
    /// `pay_*`, at most: the room a header beat sees may exclude them.
    public var payloadReadAhead: Int { payloadBuffer.readAheadEntries }

    /// Two largest payloads (one being read out while the next arrives) and
    /// 8 beats for the cycles between a commit and the first read of it,
    /// rounded up to a power of two: at line rate with `pay_tready` high no
    /// payload is refused. (At the default sizes the slack costs no block
    /// RAM: the banks' depth stays within one RAM cell.)
    static func bufferEntries(maxPayload: Int, bytesPerBeat: Int) -> Int {
        let needed = 2 * ((maxPayload + bytesPerBeat - 1) / bytesPerBeat) + 8
        var beats = 8
        while beats < needed { beats *= 2 }
        return beats
    }

    public var body: Logic {
        netRx.tready <== 1
        busStage
        headerStage
        verdictStage
        decisionStage
        outputs
    }

    /// Stage 0: the beat on the bus.
    @LogicBuilder private var busStage: Logic {
        let beat = netRx.tvalid.bits
        let hb = capture.position.width - 1
        capture.beatValid <== beat
        capture.beatData <== netRx.tdata
        capture.beatLast <== netRx.tlast
        fields.beatValid <== beat
        fields.beatData <== netRx.tdata
        fields.position <== capture.position
        fields.localMac <== cfgLocalMac
        frameEnd.beatKeep <== netRx.tkeep
        frameEnd.beatUser <== netRxTuser
        frameEnd.position <== capture.position
        frameEnd.pastHeader <== capture.pastHeader
        frameEnd.beatIndex <== capture.beatIndex
        stage1.valid <== beat
        stage1.last <== netRx.tlast
        stage1.headerBeat <== capture.position[hb]
        stage1.pastHeader <== capture.pastHeader
        stage1.frameInfo <== capture.position[hb] || (netRx.tlast && !capture.pastHeader)
        stage1.data <== netRx.tdata
        stage1.keep <== netRx.tkeep
    }

    /// Stage 1: the header complete in registers, its rules and shape.
    @LogicBuilder private var headerStage: Logic {
        let frameInfo = (stage1.valid && stage1.frameInfo).named("stage1_frame_info")
        check.facts <== fields.facts
        check.header <== capture.header
        check.lastByte <== Packed<RxFrameEndFacts>(frameEnd.facts).lastByte
        check.frameInfo <== frameInfo
        plan.tshLength <== Packed<RxFieldFacts>(fields.facts).tshLength
        plan.load <== frameInfo
        frameEndLater <== frameEnd.facts
        drive(stage2, from: stage1)
    }

    /// Stage 2: the verdict, the span count, and the frame's values for stage 3.
    @LogicBuilder private var verdictStage: Logic {
        verdict.faults <== check.faults
        verdict.frameEnd <== frameEndLater
        verdict.pastEnd <== check.pastEnd
        verdict.decide <== stage2.valid && stage2.last
        verdict.headerBeat <== stage2.headerBeat
        verdict.noPayload <== plan.empty
        realigner.countValid <== stage2.valid
        realigner.countHeaderBeat <== stage2.headerBeat
        realigner.countPastHeader <== stage2.pastHeader
        realigner.spansLess1 <== plan.spansLess1
        realigner.spansLess2 <== plan.spansLess2
        realigner.countTailOnly <== plan.tailOnly
        realigner.countTailAtHeader <== plan.tailAtHeader
        When(stage2.valid && stage2.frameInfo) {
            record <== check.record
            // Entries: the beats, one less when the tail shares the last span's
            // entry; the amounts of both, then the choice (no adder after a mux).
            payloadEntries <== mux(plan.tailShares, plan.beatsBeforeLast, plan.beats)
            noPayloadEntries <== plan.empty
            commitAmounts <== mux(plan.tailShares, RxCommitAmounts.of(entries: plan.beatsBeforeLast.bits),
                                  RxCommitAmounts.of(entries: plan.beats.bits))
            tailOnly <== plan.tailOnly
            lastKeep <== plan.lastKeep
        }
        drive(stage3, from: stage2)
    }

    /// Stage 3: payload writes; on the last beat, keep or drop the frame.
    @LogicBuilder private var decisionStage: Logic {
        // Room for the payload is decided once, at the header beat, by a
        // compare registered for the later beats. Within the header beat
        // itself only a payload of at most one entry is written or committed
        // (a longer one has beats to come), and for it "fits" is "any room",
        // a flop: the compare stays off the paths to the RAM and the counters.
        payloadBuffer.need <== payloadEntries
        let fits = payloadBuffer.fits.bits
        let fitsInHeaderBeat = (noPayloadEntries || payloadBuffer.freeNonZero).named("fits_in_header_beat")
        When(stage3.valid && stage3.headerBeat) { storingLater <== fits }
        let storing = mux(stage3.headerBeat, fitsInHeaderBeat, storingLater).named("storing")
        realigner.beatValid <== stage3.valid
        realigner.beatData <== stage3.data
        realigner.tailOnly <== tailOnly
        realigner.lastKeep <== lastKeep
        drive(payloadBuffer.entry, from: realigner.entry)
        payloadBuffer.store <== storing

        let lastBeat = (stage3.valid && stage3.last).named("last_beat")
        let accepted = verdict.accept.bits
        let recorded = (accepted && headerFifo.in.ready).named("recorded")
        let overflow = (accepted && !headerFifo.in.ready).named("overflow")
        payloadBuffer.frameEnd <== lastBeat
        // Kept: recorded, and stored (a frame without payload has nothing to keep).
        payloadBuffer.commit <== headerFifo.in.ready
            && ((verdict.acceptWithRoom && payloadBuffer.freeNonZero) || (verdict.acceptIfStored && storingLater))
        payloadBuffer.amounts <== commitAmounts
        headerFifo.in.valid <== recorded
        let header = Packed<FrameHeader>(record)
        headerFifo.in.data <== cat(linkGeometry.set(of: cat(header.peerMAC, header.vc)), record, !storing,
                                   storing && !noPayloadEntries)
        counters.count <== cat(overflow, verdict.reject)
    }

    @LogicBuilder private var outputs: Logic {
        let record = Packed<FrameHeader>(headerFifo.out.data.bits(FrameHeader.width + 1, 2).named("out_record"))
        headerFifo.out.ready <== hdrReady
        hdrValid <== headerFifo.out.valid
        hdr.drive(from: record)
        hdrPayloadDropped <== headerFifo.out.data[1]
        hdrHasPayload <== headerFifo.out.data[0]
        hdrSet <== headerFifo.out.data.bits(headerFifo.out.data.width - 1, FrameHeader.width + 2)
        connect(pay, from: payloadBuffer.pay)
        drive(drop, from: counters.drop)
    }
}
