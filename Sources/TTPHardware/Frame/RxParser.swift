import HDL

/// `ttp_rx_parser`: the RX frame parser of the endpoint. Takes Ethernet
/// frames from the MAC, applies the receive rules (`RxHeaderCheck`), and for
/// each accepted frame emits one header record (`hdr_*`) and its payload
/// (`pay_*`, realigned to byte 0, exactly payload-length bytes, no beats
/// for an empty payload), payloads in the order of the records. A dropped
/// frame emits nothing and bumps exactly one `drop_*` counter.
///
/// Store and forward: the MAC flags a bad FCS only on the last beat, so a
/// frame's payload is written to `RxPayloadBuffer` as it arrives and only
/// committed (or rolled back) on its last beat, when its header record is
/// pushed into a small FIFO. Every stage takes one beat per cycle, frames
/// back to back with no idle cycle at every width (at 512 bits a 64-byte
/// frame is one beat, so one frame per cycle).
///
/// `net_rx_tready` is 1 at all times: the parser never stalls the MAC (it
/// cannot wait). When the payload buffer has no room for a frame's payload,
/// the frame is still accepted with `hdr_payload_dropped` = 1 and no payload
/// beats (the protocol pipeline answers NACK_FULL); when the header FIFO is
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

    public let pay: AxiStreamOut
    public let drop = DropCounts()

    let capture: RxHeaderCapture
    let check: RxHeaderCheck
    let realigner: PayloadRealigner
    let payloadBuffer: RxPayloadBuffer
    /// Header records: `FrameHeader` then the payload-dropped bit.
    let headerFifo: SyncFifo
    let counters = DropCounters()
    /// The payload-room decision taken on the header's last beat, for the frame's later beats.
    let storingLater = Reg(1, init: 0)

    public let parameters: EndpointParameters
    /// Beats the payload buffer holds: at least two largest payloads, a power of two.
    public let payloadBufferBeats: Int
    public let headerFifoDepth: Int

    public init(_ parameters: EndpointParameters = EndpointParameters(), headerFifoDepth: Int = 16) {
        precondition(parameters.problems.isEmpty, parameters.problems.joined(separator: "; "))
        self.parameters = parameters
        self.headerFifoDepth = headerFifoDepth
        let width = parameters.dataWidth
        payloadBufferBeats = RxParser.bufferBeats(maxPayload: parameters.maxPayload, bytesPerBeat: width / 8)
        netRx = AxiStreamIn(dataWidth: width)
        pay = AxiStreamOut(dataWidth: width)
        capture = RxHeaderCapture(dataWidth: width)
        check = RxHeaderCheck(etherType: parameters.etherType, maxPayload: parameters.maxPayload)
        realigner = PayloadRealigner(dataWidth: width)
        payloadBuffer = RxPayloadBuffer(dataWidth: width, depth: payloadBufferBeats)
        headerFifo = SyncFifo(width: FrameHeader.width + 1, depth: headerFifoDepth)
    }

    public var moduleName: String { "ttp_rx_parser" }

    /// Header records the parser holds for `hdr_*` at most (the FIFO's RAM
    /// and its read-ahead registers): a frame decided while this many wait
    /// is lost whole and counted in `drop_overflow`.
    public var recordCapacity: Int { headerFifo.capacity }

    /// Cycles from a frame's last beat on `net_rx` to its decision: the cycle
    /// whose clock edge pushes its record (or counts its drop), looking at the
    /// records held before that cycle's `hdr_*` hand-over.
    public static let decisionDelay = 0

    /// Two largest payloads (one being read out while the next arrives),
    /// rounded up to a power of two, at least 8.
    static func bufferBeats(maxPayload: Int, bytesPerBeat: Int) -> Int {
        let needed = 2 * ((maxPayload + bytesPerBeat - 1) / bytesPerBeat)
        var beats = 8
        while beats < needed { beats *= 2 }
        return beats
    }

    public var body: Logic {
        netRx.tready <== 1
        let beat = netRx.tvalid.bits
        let lastBeat = (beat && netRx.tlast).named("last_beat")

        capture.beatValid <== beat
        capture.beatData <== netRx.tdata
        capture.beatLast <== netRx.tlast

        check.header <== capture.header
        check.frameBytes <== frameBytes
        check.fcsBad <== netRxTuser
        check.localMac <== cfgLocalMac

        // Room for the payload is decided once, on the header's last beat.
        let fits = (realigner.payloadBeats <= payloadBuffer.free).named("payload_fits")
        When(beat && capture.headerBeat) { storingLater <== fits }
        let storing = mux(capture.headerBeat, fits, storingLater).named("storing")

        realigner.beatValid <== beat
        realigner.beatData <== netRx.tdata
        realigner.beatIndex <== capture.beatIndex
        realigner.storing <== storing
        realigner.payloadLength <== Packed<FrameHeader>(check.record).payloadLength

        let accepted = (lastBeat && check.accept).named("accepted")
        let recorded = (accepted && headerFifo.in.ready).named("recorded")
        let overflow = (accepted && !headerFifo.in.ready).named("overflow")
        drive(payloadBuffer.span, from: realigner.span)
        drive(payloadBuffer.tail, from: realigner.tail)
        payloadBuffer.commit <== recorded && storing
        payloadBuffer.commitBeats <== realigner.payloadBeats

        headerFifo.in.valid <== recorded
        headerFifo.in.data <== cat(check.record, !storing)
        counters.count <== mux(lastBeat, cat(overflow, check.reject), lit(0, 8))
        outputs
    }

    /// Bytes of the frame up to the end of this beat (meaningful on the last
    /// beat): B per earlier beat plus the tkeep bits of this one.
    private var frameBytes: Bits {
        let bits = RxHeaderCheck.frameBytesBits
        let laneBits = netRx.tkeep.width.trailingZeroBitCount
        let countBits = laneBits + 1
        let beatBytes = (0..<netRx.tkeep.width)
            .reduce(lit(0, countBits)) { sum, lane in sum + netRx.tkeep[lane].zext(to: countBits) }
            .named("beat_bytes")
        return (cat(capture.beatIndex, lit(0, laneBits)).zext(to: bits) + beatBytes.zext(to: bits)).named("frame_bytes")
    }

    @LogicBuilder private var outputs: Logic {
        let record = Packed<FrameHeader>(headerFifo.out.data.bits(FrameHeader.width, 1).named("record"))
        headerFifo.out.ready <== hdrReady
        hdrValid <== headerFifo.out.valid
        hdr.drive(from: record)
        hdrPayloadDropped <== headerFifo.out.data[0]

        connect(pay, from: payloadBuffer.pay)
        drive(drop, from: counters.drop)
    }
}
