import HDL

/// Collects the 60 header bytes of the frame on the RX bus as its beats
/// arrive, and counts the beats of the frame.
///
/// `header` is the header as far as it has arrived, byte 0 in bits [7:0]:
/// bytes of earlier beats come from registers, bytes of the current beat
/// straight from the bus. So in the beat that completes the header (beat 7
/// at 64 bits, beat 0 at 512 bits) the whole header is already visible, and
/// a frame that ends in that beat is decided in the same cycle. After that
/// beat the registers hold it until the frame ends.
public final class RxHeaderCapture: Module {
    public let beatValid = Input(1)
    public let beatData: Input
    public let beatLast = Input(1)
    /// Index of the current beat within its frame (0 = first beat).
    public let beatIndex = Output(RxHeaderCapture.beatIndexBits)
    /// This beat holds the last header byte (byte 59).
    public let headerBeat = Output(1)
    /// The header bytes seen so far; bytes the frame has not reached yet are stale.
    public let header = Output(WireLayout.headerBytes * 8)

    /// Saturates at its maximum (frames of more than 65,535 beats are not real).
    static let beatIndexBits = 16

    let index = Reg(RxHeaderCapture.beatIndexBits, init: 0)
    /// One register per beat that carries header bytes: beat b holds bytes
    /// [b*B, min(60, (b+1)*B)).
    let headerBeats: [Reg]
    let bytesPerBeat: Int

    public init(dataWidth: Int) {
        bytesPerBeat = dataWidth / 8
        beatData = Input(dataWidth)
        let beats = RxHeaderCapture.headerBeatIndex(bytesPerBeat: bytesPerBeat) + 1
        headerBeats = (0..<beats).map { beat in
            Reg(8 * min(WireLayout.headerBytes - beat * (dataWidth / 8), dataWidth / 8))
        }
    }

    public var moduleName: String { "ttp_rx_header_capture_w\(beatData.width)" }

    /// The beat within a frame that holds byte 59, the last header byte.
    static func headerBeatIndex(bytesPerBeat: Int) -> Int { (WireLayout.headerBytes - 1) / bytesPerBeat }

    public var body: Logic {
        let atMaximum = index == (1 << RxHeaderCapture.beatIndexBits) - 1
        When(beatValid) {
            index <== mux(beatLast, 0, mux(atMaximum, index, index + 1))
        }
        for (beat, register) in headerBeats.enumerated() {
            When(beatValid && index == beat) { register <== beatData.bits(register.width - 1, 0) }
        }
        // Byte 0 in the least significant bits, like the bus.
        header <== cat(headerBeats.enumerated().reversed().map { beat, register in
            mux(index == beat, beatData.bits(register.width - 1, 0), register)
        })
        beatIndex <== index
        headerBeat <== index == RxHeaderCapture.headerBeatIndex(bytesPerBeat: bytesPerBeat)
    }
}
