import HDL

/// The TX frame builder (`ttp_tx_builder`): turns a descriptor (opcode, vc,
/// peer MAC, TxID, RxID, payload length) plus that many payload bytes into
/// one TTPoE frame on `net_tx`, exactly as WIRE-FORMAT.md lays it out, padded
/// to 64 bytes.
///
/// Structure, in the order a descriptor flows:
/// 1. `frame_plan` and `frame_header` work out, from the descriptor ports,
///    the frame's shape and its 60 header bytes (one adder deep);
/// 2. `descriptor_slice` (a `PingPongSlice`) registers them as the
///    descriptor is taken, and holds the next frame's while one is sent;
/// 3. `beat_sequencer` steps through the frame's beats with flags in flops
///    (last beat, header only, takes payload, byte masks); as the last beat
///    goes it loads the next frame's first beat, so frames follow each other
///    with no idle cycle; `beat_aligner` makes each beat from the header
///    registers and the payload beat on offer;
/// 4. `output_slice` (a `PingPongSlice`: no register load in it depends on
///    `net_tx_tready`) drives `net_tx`, its data through a 2:1 mux that a
///    flop selects.
///
/// Handshakes: `desc_ready` and `net_tx_tvalid` are flops of the two
/// slices; `pay_tready` is one gate of flops. `net_tx_tready` reaches
/// neither `desc_ready` nor `pay_tready` within a cycle. Every register that
/// loads across a whole beat (header bytes, held payload bytes, masks)
/// loads on one gate of flops and `pay_tvalid`, or on a flop, from a mux
/// selected by flops.
///
/// Timing: a descriptor accepted at edge t gives its first beat on `net_tx`
/// after edge t + 2 when the builder is idle. A payload beat is taken in the
/// output beat it goes into (the join beat and on), never earlier; a frame
/// whose payload ends in the top o bytes of a payload beat ends with one
/// more output beat made only of the held bytes, which takes no payload beat.
///
/// The payload stream: payload byte 0 in `pay_tdata[7:0]` of its first
/// beat. The builder takes exactly ceil(len / B) beats for a descriptor of
/// length len (none for len 0), trusting `desc_payload_length`; it ignores
/// `pay_tkeep` and `pay_tlast` (present for AXI4-Stream, not needed to
/// frame), and bytes past the payload in its last beat never reach the wire.
/// Lengths above maxPayload are not supported.
public final class TxBuilder: Module {
    /// This endpoint's MAC, first wire byte in bits [47:40].
    public let cfgLocalMac = Input(48)

    // Descriptor stream: one per frame.
    public let descValid = Input(1)
    public let descReady = Output(1)
    /// The frame's fields; `desc_peer_mac` is the destination,
    /// `desc_payload_length` 0 for control frames.
    public let desc = FrameHeaderPorts<Input>()

    /// Payload bytes, byte 0 in `tdata[7:0]` of the first beat.
    public let pay: AxiStreamIn
    /// Frames to the MAC.
    public let netTx: AxiStreamOut

    let descriptorSlice: PingPongSlice
    let framePlan: TxFramePlan
    let frameHeader: TxHeader
    let beatSequencer: TxBeatSequencer
    let beatAligner: TxBeatAligner
    let outputSlice: PingPongSlice

    let geometry: BusGeometry

    public init(_ parameters: EndpointParameters) {
        let g = BusGeometry(parameters)
        geometry = g
        let width = parameters.dataWidth
        pay = AxiStreamIn(dataWidth: width)
        netTx = AxiStreamOut(dataWidth: width)
        descriptorSlice = PingPongSlice(width: TxFrameStart.width(g))
        framePlan = TxFramePlan(g)
        frameHeader = TxHeader(etherType: parameters.etherType)
        beatSequencer = TxBeatSequencer(g)
        beatAligner = TxBeatAligner(g)
        // last + keep + data
        outputSlice = PingPongSlice(width: 1 + g.bytesPerBeat + width)
    }

    public var moduleName: String { "ttp_tx_builder" }

    public var body: Logic {
        acceptDescriptors
        let next = TxFrameStart(descriptorSlice.out.data.bits, geometry)
        sequenceBeats(next)
        makeBeats(next)
        driveNetwork
    }

    /// Descriptor port -> plan and header -> descriptor slice.
    @LogicBuilder private var acceptDescriptors: Logic {
        framePlan.payloadLength <== desc.payloadLength
        frameHeader.localMac <== cfgLocalMac
        frameHeader.descriptor <== desc.record.bits
        descriptorSlice.in.valid <== descValid
        descReady <== descriptorSlice.in.ready
        descriptorSlice.in.data <== TxFrameStart.pack(plan: framePlan, header: frameHeader)
    }

    /// Plan -> beat sequencer, with the payload and output handshakes.
    @LogicBuilder private func sequenceBeats(_ next: TxFrameStart) -> Logic {
        let sequencer = beatSequencer
        sequencer.descValid <== descriptorSlice.out.valid
        descriptorSlice.out.ready <== sequencer.descPop
        sequencer.planLastBeatLess2 <== next.lastBeatLess2
        sequencer.planFirstIsLast <== next.firstIsLast
        sequencer.planExtraBeat <== next.extraBeat
        sequencer.planLastByteMask <== next.lastByteMask
        sequencer.planPadded <== next.padded
        sequencer.payValid <== pay.tvalid
        pay.tready <== sequencer.payReady
        // The handshakes read the slice's `full` flop; the aligner's wide
        // enable reads `in_ready`, a flop of its own (`PingPongSlice`).
        sequencer.outReady <== !outputSlice.inBusy
    }

    /// Header and payload -> aligner -> output slice.
    @LogicBuilder private func makeBeats(_ next: TxFrameStart) -> Logic {
        beatAligner.advance <== beatSequencer.advance
        beatAligner.room <== outputSlice.in.ready
        beatAligner.starting <== beatSequencer.starting
        beatAligner.headerOnly <== beatSequencer.headerOnly
        beatAligner.contentMask <== beatSequencer.contentMask
        beatAligner.header <== next.header
        beatAligner.payloadData <== pay.tdata
        outputSlice.in.valid <== beatSequencer.beatValid
        outputSlice.in.data <== cat(beatSequencer.isLast, beatSequencer.keep, beatAligner.data)
    }

    /// Output slice -> net_tx ports.
    @LogicBuilder private var driveNetwork: Logic {
        let beat = outputSlice.out.data
        let dataBits = 8 * geometry.bytesPerBeat
        outputSlice.out.ready <== netTx.tready
        netTx.tvalid <== outputSlice.out.valid
        netTx.tdata <== beat.bits(dataBits - 1, 0)
        netTx.tkeep <== beat.bits(dataBits + geometry.bytesPerBeat - 1, dataBits)
        netTx.tlast <== beat.msb
    }
}
