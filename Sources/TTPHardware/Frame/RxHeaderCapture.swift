import HDL

/// Stage 0 of the RX parser, on the bus beat itself: where the beat lies in
/// its frame, and the header bytes kept as they pass.
///
/// `position` is one-hot over the header beats (bit k: this is beat k, up to
/// the header beat, the one holding byte 59); `past_header` says the beat
/// comes after it. Both are flops, so anything keyed on a beat's place in
/// the frame is one gate from a register. `beat_index` counts the frame's
/// beats for the length rules; it stops at 2^16 (no frame is that long).
///
/// `header` is bytes 0 ... 59 in registers (byte 0 in bits [7:0]), each
/// header beat's bytes loaded as it passes: in the cycle after the header
/// beat (stage 1) the whole header is there, and it stays until the next
/// frame's beats overwrite it, which is after that cycle.
public final class RxHeaderCapture: Module {
    public let beatValid = Input(1)
    public let beatData: Input
    public let beatLast = Input(1)
    public let position: Output
    public let pastHeader = Output(1)
    public let beatIndex = Output(RxHeaderCapture.beatIndexBits)
    public let header = Output(WireLayout.headerBytes * 8)

    /// 16 bits of count and a top bit that stops it.
    public static let beatIndexBits = 17

    /// One-hot: bits 0 ... hb the header beats, bit hb + 1 past the header.
    let place: Reg
    let index = Reg(RxHeaderCapture.beatIndexBits, init: 0)
    /// One register per header beat: beat b holds bytes [b*B, min(60, (b+1)*B)).
    let headerBeats: [Reg]
    let geometry: BusGeometry

    public init(_ geometry: BusGeometry) {
        self.geometry = geometry
        let b = geometry.bytesPerBeat
        beatData = Input(8 * b)
        position = Output(geometry.headerBeat + 1)
        place = Reg(geometry.headerBeat + 2, init: 1)
        headerBeats = (0...geometry.headerBeat).map { beat in Reg(8 * min(WireLayout.headerBytes - beat * b, b)) }
    }

    public var moduleName: String { "ttp_rx_header_capture_w\(beatData.width)" }

    public var body: Logic {
        let hb = geometry.headerBeat
        // One place on, staying past the header once there.
        let onward = hb == 0
            ? cat(place[1] || place[0], lit(0, 1))
            : cat(place[hb + 1] || place[hb], place.bits(hb - 1, 0), lit(0, 1))
        When(beatValid) {
            place <== mux(beatLast, lit(1, hb + 2), onward)
            index <== mux(beatLast, lit(0, index.width), mux(index.msb, index, index + 1))
        }
        for (beat, register) in headerBeats.enumerated() {
            When(beatValid && place[beat]) { register <== beatData.bits(register.width - 1, 0) }
        }
        header <== cat(headerBeats.reversed())
        position <== place.bits(hb, 0)
        pastHeader <== place[hb + 1]
        beatIndex <== index
    }
}
