import HDL

/// The TX datapath: makes output beat `beat_index` of the current frame from
/// the header, the payload beat on offer and the payload bytes held from the
/// previous payload beat (see `BusGeometry` for the layout):
///
/// - beats before the join beat: a slice of the header;
/// - the join beat: header tail (low o bytes), then the first payload bytes;
/// - later beats: held bytes (low o bytes), then the next payload bytes.
///
/// A beat that takes no payload beat (`payload_take` low: a control frame, or
/// the extra last beat that only empties the held bytes) has zeros in the
/// payload part. In the last beat, bytes past the frame content are zeroed:
/// on the wire those are padding (`tkeep` 1, short frames) or unused
/// (`tkeep` 0), and zeros keep waves readable either way; so payload-stream
/// bytes past the payload length never reach the network.
///
/// Combinational except `held_bytes`, which loads the top o bytes of every
/// payload beat taken.
public final class TxBeatAligner: Module {
    public let beatIndex: Input
    public let isLast = Input(1)
    /// The current frame's header, byte i in bits [8i+7 : 8i].
    public let header = Input(8 * WireLayout.headerBytes)
    /// Last-beat shape from `TxFramePlan`.
    public let lastByteMask: Input
    public let padded = Input(1)
    public let payloadData: Input
    /// A payload beat is taken this cycle (it is in the output beat).
    public let payloadTake = Input(1)
    public let data: Output
    public let keep: Output

    /// The top o bytes of the last payload beat taken: the low part of the
    /// next output beat.
    let heldBytes: Reg
    let geometry: BusGeometry

    public init(_ geometry: BusGeometry) {
        self.geometry = geometry
        let width = 8 * geometry.bytesPerBeat
        beatIndex = Input(geometry.beatIndexWidth)
        lastByteMask = Input(geometry.bytesPerBeat)
        payloadData = Input(width)
        data = Output(width)
        keep = Output(geometry.bytesPerBeat)
        heldBytes = Reg(8 * geometry.payloadOffset)
    }

    public var moduleName: String { "ttp_tx_beat_aligner" }

    public var body: Logic {
        let g = geometry
        let offsetBits = 8 * g.payloadOffset
        let beatBits = 8 * g.bytesPerBeat
        let lowPart = mux(beatIndex == g.joinBeat, headerBytes(g.joinBeat * g.bytesPerBeat, g.payloadOffset), heldBytes)
            .named("low_part")
        let highPart = mux(payloadTake, payloadData.bits(beatBits - offsetBits - 1, 0), lit(0, beatBits - offsetBits))
            .named("high_part")
        let joined = cat(highPart, lowPart)
        let beat = (g.headerOnlyBeats == 0 ? joined : mux(beatIndex < g.joinBeat, headerBeat, joined)).named("beat")
        let contentMask = mux(isLast, lastByteMask, allBytes).named("content_mask")

        When(payloadTake) { heldBytes <== payloadData.bits(beatBits - 1, beatBits - offsetBits) }
        data <== beat & bitMask(contentMask)
        // A padded frame keeps its whole last beat: the zeros are the padding.
        keep <== mux(isLast && !padded, lastByteMask, allBytes)
    }

    /// The header-only beat `beat_index` (meaningful before the join beat).
    private var headerBeat: Bits {
        let g = geometry
        let beats = (0..<g.headerOnlyBeats).map { headerBytes($0 * g.bytesPerBeat, g.bytesPerBeat) }
        return select(beats, at: beatIndex)
    }

    /// Header bytes `first ..< first + count`.
    private func headerBytes(_ first: Int, _ count: Int) -> Bits {
        header.bits(8 * (first + count) - 1, 8 * first)
    }

    /// Each bit of a byte mask widened to the eight bits of its byte.
    private func bitMask(_ byteMask: Bits) -> Bits {
        cat((0..<geometry.bytesPerBeat).reversed().map { byteMask[$0].replicated(8) })
    }

    private var allBytes: Bits {
        let b = geometry.bytesPerBeat
        return lit(b == 64 ? UInt64.max : (UInt64(1) << UInt64(b)) - 1, b)
    }
}
