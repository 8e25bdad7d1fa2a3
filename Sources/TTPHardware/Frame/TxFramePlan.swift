import HDL

/// The shape of one TX frame, worked out from its payload length when the
/// descriptor is accepted, so the beat loop only compares a counter against
/// registered numbers:
///
/// - `last_beat`: index of the frame's last output beat,
///   (max(60 + len, 64) - 1) / B;
/// - `payload_end_beat`: first output beat that takes no payload beat,
///   join beat + ceil(len / B) (payload beats are taken from the join beat on);
/// - `last_byte_mask`: bytes of the last beat that hold frame content (header
///   or payload): the low (60 + len) mod B bytes, all of them when that is 0;
/// - `padded`: the frame is shorter than 64 bytes before padding; its last
///   beat (the join beat) is then kept whole, the bytes past the content being
///   the zero padding.
///
/// Combinational. The length is trusted: above maxPayload the numbers wrap.
public final class TxFramePlan: Module {
    public let payloadLength = Input(16)
    public let lastBeat: Output
    public let payloadEndBeat: Output
    public let lastByteMask: Output
    public let padded = Output(1)

    let geometry: BusGeometry

    public init(_ geometry: BusGeometry) {
        self.geometry = geometry
        lastBeat = Output(geometry.beatIndexWidth)
        payloadEndBeat = Output(geometry.beatIndexWidth)
        lastByteMask = Output(geometry.bytesPerBeat)
    }

    public var moduleName: String { "ttp_tx_frame_plan" }

    /// Wide enough for 60 + a 16-bit length without overflow.
    private static let countWidth = 17

    public var body: Logic {
        let g = geometry
        let length = payloadLength.zext(to: Self.countWidth).named("length")
        // Frame bytes before padding: header plus payload.
        let contentEnd = (length + WireLayout.headerBytes).named("content_end")
        let short = (contentEnd < WireLayout.minimumFrameBytes).named("short_frame")
        let frameBytes = mux(short, lit(UInt64(WireLayout.minimumFrameBytes), Self.countWidth), contentEnd)
            .named("frame_bytes")
        let payloadBeats = ((length + (g.bytesPerBeat - 1)) >> g.beatShift).named("payload_beats")
        // Content bytes in the last beat; 0 means the beat is full.
        let tailBytes = contentEnd.bits(g.beatShift - 1, 0).named("tail_bytes")

        padded <== short
        lastBeat <== ((frameBytes - 1) >> g.beatShift).named("last_beat_wide").truncated(to: g.beatIndexWidth)
        payloadEndBeat <== (payloadBeats + g.joinBeat).named("payload_end_beat_wide").truncated(to: g.beatIndexWidth)
        lastByteMask <== mux(tailBytes == 0, allBytes, ~(allBytes << tailBytes))
    }

    /// A byte mask with every byte of a beat set.
    private var allBytes: Bits {
        let b = geometry.bytesPerBeat
        return lit(b == 64 ? UInt64.max : (UInt64(1) << UInt64(b)) - 1, b)
    }
}
