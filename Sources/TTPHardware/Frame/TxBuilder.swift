import HDL

/// The TX frame builder (`ttp_tx_builder`): turns a descriptor (opcode, vc,
/// peer MAC, TxID, RxID, payload length) plus that many payload bytes into
/// one TTPoE frame on `net_tx`, exactly as WIRE-FORMAT.md lays it out, padded
/// to 64 bytes.
///
/// Structure, in the order a descriptor flows:
/// 1. `frame_plan` works out the frame's shape from its payload length;
/// 2. `descriptor_slice` (a skid buffer) holds the descriptor with its plan:
///    its output is the frame being sent, its skid entry the next one, so
///    the next descriptor is in place when the current frame's last beat
///    goes, and frames follow each other with no idle cycle;
/// 3. `beat_index` counts the frame's output beats; `frame_header` and
///    `beat_aligner` make each beat from the header and the payload;
/// 4. `output_slice` (a skid buffer) drives `net_tx`.
///
/// Handshakes: `desc_ready` and the output side are flops of the two skid
/// buffers; `pay_tready` is combinational from flops only. `net_tx_tready`
/// reaches neither `desc_ready` nor `pay_tready` within a cycle. The price
/// is the output slice's skid entry, one more beat register (DW + B + 1
/// flops); without it, `net_tx_tready` would gate `pay_tready` directly.
///
/// Timing: a descriptor accepted at edge t gives its first beat on `net_tx`
/// after edge t + 2. A payload beat is taken in the output beat it goes into
/// (the join beat and on), never earlier; a frame whose payload ends in the
/// top o bytes of a payload beat ends with one more output beat made only of
/// the held bytes, which takes no payload beat.
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

    let framePlan: TxFramePlan
    let descriptorSlice: SkidBuffer
    let frameHeader: TxHeader
    let beatAligner: TxBeatAligner
    let outputSlice: SkidBuffer
    /// Output beat of the current frame being made (0 = first).
    let beatIndex: Reg

    let geometry: BusGeometry
    let job: TxJobLayout

    public init(_ parameters: EndpointParameters) {
        let g = BusGeometry(parameters)
        geometry = g
        job = TxJobLayout(g)
        let width = parameters.dataWidth
        pay = AxiStreamIn(dataWidth: width)
        netTx = AxiStreamOut(dataWidth: width)
        framePlan = TxFramePlan(g)
        descriptorSlice = SkidBuffer(width: job.width)
        frameHeader = TxHeader(etherType: parameters.etherType)
        beatAligner = TxBeatAligner(g)
        // last + keep + data
        outputSlice = SkidBuffer(width: 1 + g.bytesPerBeat + width)
        beatIndex = Reg(g.beatIndexWidth, init: 0)
    }

    public var moduleName: String { "ttp_tx_builder" }

    public var body: Logic {
        acceptDescriptors
        let current = job.unpack(descriptorSlice.out.data)
        let active = descriptorSlice.out.valid.bits
        let needsPayload = needsPayload(before: current.payloadEndBeat).named("needs_payload")
        // The beat can be made: a frame is in progress and, if the beat
        // carries a payload beat, that beat is on offer.
        let beatValid = (active && (!needsPayload || pay.tvalid)).named("beat_valid")
        let beatFire = (beatValid && outputSlice.in.ready).named("beat_fire")
        let isLast = (beatIndex == current.lastBeat).named("is_last")
        let frameDone = (beatFire && isLast).named("frame_done")

        // Offered only when the output slice can take the beat it goes into.
        pay.tready <== active && needsPayload && outputSlice.in.ready
        When(frameDone) {
            beatIndex <== 0
        }.elseWhen(beatFire) {
            beatIndex <== beatIndex + 1
        }
        descriptorSlice.out.ready <== frameDone
        makeBeat(current, isLast: isLast, payloadTake: beatFire && needsPayload)
        outputSlice.in.valid <== beatValid
        outputSlice.in.data <== cat(isLast, beatAligner.keep, beatAligner.data)
        driveNetwork
    }

    /// Descriptor port -> plan -> descriptor slice.
    @LogicBuilder private var acceptDescriptors: Logic {
        framePlan.payloadLength <== desc.payloadLength
        descriptorSlice.in.valid <== descValid
        descReady <== descriptorSlice.in.ready
        descriptorSlice.in.data <== job.pack(plan: framePlan, header: desc.record)
    }

    /// Payload beats go into output beats join ... payload_end_beat - 1.
    private func needsPayload(before end: Bits) -> Bits {
        let beforeEnd = beatIndex < end
        return geometry.joinBeat == 0 ? beforeEnd : (beatIndex >= geometry.joinBeat && beforeEnd)
    }

    /// Header and aligner inputs from the current frame.
    @LogicBuilder
    private func makeBeat(_ current: TxJobLayout.Fields, isLast: Bits, payloadTake: Bits) -> Logic {
        frameHeader.localMac <== cfgLocalMac
        frameHeader.descriptor <== current.header
        beatAligner.beatIndex <== beatIndex
        beatAligner.isLast <== isLast
        beatAligner.header <== frameHeader.header
        beatAligner.lastByteMask <== current.lastByteMask
        beatAligner.padded <== current.padded
        beatAligner.payloadData <== pay.tdata
        beatAligner.payloadTake <== payloadTake.named("payload_take")
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

/// The record the descriptor slice holds: the frame plan (MSBs), then the
/// descriptor as a `FrameHeader`. Widths depend on the bus, so it is packed
/// by hand rather than as a `PackedStruct`.
struct TxJobLayout {
    struct Fields {
        let lastBeat: Bits
        let payloadEndBeat: Bits
        let lastByteMask: Bits
        let padded: Bits
        let header: Packed<FrameHeader>
    }

    let beatIndexWidth: Int
    let bytesPerBeat: Int

    init(_ geometry: BusGeometry) {
        beatIndexWidth = geometry.beatIndexWidth
        bytesPerBeat = geometry.bytesPerBeat
    }

    var width: Int { 2 * beatIndexWidth + bytesPerBeat + 1 + FrameHeader.width }

    func pack(plan: TxFramePlan, header: Packed<FrameHeader>) -> Bits {
        cat(plan.lastBeat, plan.payloadEndBeat, plan.lastByteMask, plan.padded, header.bits)
    }

    /// The fields of the frame being sent, named `frame_*` in the Verilog.
    func unpack(_ record: some BitsConvertible) -> Fields {
        var top = width
        /// The next `count` bits from the top.
        func take(_ count: Int, _ name: String) -> Bits {
            defer { top -= count }
            return record.bits(top - 1, top - count).named(name)
        }
        return Fields(
            lastBeat: take(beatIndexWidth, "frame_last_beat"),
            payloadEndBeat: take(beatIndexWidth, "frame_payload_end_beat"),
            lastByteMask: take(bytesPerBeat, "frame_last_byte_mask"), padded: take(1, "frame_padded"),
            header: Packed(take(FrameHeader.width, "frame_descriptor")))
    }
}
