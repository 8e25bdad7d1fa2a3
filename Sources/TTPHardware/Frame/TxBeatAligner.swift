import HDL

/// The TX datapath: makes each output beat from two registers and the
/// payload beat on offer (see `BusGeometry` for the layout). As a frame
/// starts (`advance` with `starting`) the registers load its 60 header
/// bytes from `TxHeader`: `low_bytes` the first o, `header_rest` (none at
/// B = 64) the other join x B. Each beat after that shifts the pair down by
/// B bytes, so:
///
/// - header-only beat k is the pair's low B bytes (`header_rest`'s low
///   B - o over `low_bytes`);
/// - at the join beat `low_bytes` holds the header's last o bytes, and from
///   then on it loads the top o bytes of each payload beat taken, the low
///   part of the beat after (held bytes);
/// - from the join beat on, the high B - o bytes of a beat are the low
///   bytes of the payload beat on offer.
///
/// Bytes of the last beat past the frame content are zeroed by
/// `content_mask`: on the wire those are padding (kept, short frames) or
/// unused (not kept), and zeros keep waves readable either way; so
/// payload-stream bytes past the payload length never reach the network.
/// A beat that takes no payload beat past the header is always a last beat
/// whose payload part is past the content, so it needs no gate of its own.
///
/// Each data bit is one gate of flops and the payload input.
public final class TxBeatAligner: Module {
    /// From the beat sequencer: the registers move, to a new frame.
    public let advance = Input(1)
    /// The output slice can take a beat.
    public let room = Input(1)
    public let starting = Input(1)
    public let headerOnly = Input(1)
    public let contentMask: Input
    /// The next frame's header, byte i in bits [8i+7 : 8i].
    public let header = Input(8 * WireLayout.headerBytes)
    public let payloadData: Input
    public let data: Output

    let lowBytes: Reg
    let headerRest: Reg?
    let geometry: BusGeometry

    public init(_ geometry: BusGeometry) {
        self.geometry = geometry
        let width = 8 * geometry.bytesPerBeat
        contentMask = Input(geometry.bytesPerBeat)
        payloadData = Input(width)
        data = Output(width)
        lowBytes = Reg(8 * geometry.payloadOffset)
        let restBytes = WireLayout.headerBytes - geometry.payloadOffset
        headerRest = restBytes == 0 ? nil : Reg(8 * restBytes)
    }

    public var moduleName: String { "ttp_tx_beat_aligner" }

    public var body: Logic {
        let g = geometry
        let lowBits = 8 * g.payloadOffset
        let highBits = 8 * g.payloadBytesPerJoin
        let payloadTop = payloadData.bits(8 * g.bytesPerBeat - 1, highBits)
        // Both load from muxes that flops select. `low_bytes` moves on
        // `advance`, one gate of flops and the payload's valid.
        When(advance) {
            let nextLow = headerRest.map { mux(headerOnly, $0.bits(highBits + lowBits - 1, highBits), payloadTop) }
            lowBytes <== mux(starting, header.bits(lowBits - 1, 0), nextLow ?? payloadTop)
        }
        // `header_rest`, the widest register, moves on `room` itself, a flop:
        // in a header-only beat `advance` is `room` (no payload is waited
        // for), and past the join beat `header_rest` is not read until it
        // loads the next frame's header, which it may do early: the frame
        // on offer stays on offer until `advance` takes it, and `advance`
        // implies `room`.
        if let headerRest {
            When(room) {
                headerRest <== mux(starting, header.bits(header.width - 1, lowBits), headerRest >> (8 * g.bytesPerBeat))
            }
        }
        let payloadPart = payloadData.bits(highBits - 1, 0)
        let highPart = headerRest.map { mux(headerOnly, $0.bits(highBits - 1, 0), payloadPart) } ?? payloadPart
        data <== cat(highPart.named("high_part"), lowBytes) & bitMask(contentMask.bits)
    }

    /// Each bit of a byte mask widened to the eight bits of its byte.
    private func bitMask(_ byteMask: Bits) -> Bits {
        cat((0..<geometry.bytesPerBeat).reversed().map { byteMask[$0].replicated(8) })
    }
}
