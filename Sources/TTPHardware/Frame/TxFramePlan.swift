import HDL

/// The shape of one TX frame, worked out from its payload length `len` as
/// the descriptor is taken (the descriptor slice holds the result), in the
/// form the beat sequencer steps through without comparing counters:
///
/// - `last_beat_less2`: L - 2 as a signed number (one bit wider than a beat
///   index), where L = (max(60 + len, 64) - 1) / B is the index of the last
///   beat. Counted down once a beat, its sign says "the next beat is the
///   last": (len + 59 - 2B) >> log2(B), one adder, the shift being the
///   arithmetic one of a two's-complement slice (the max needs no mux: see
///   the body);
/// - `first_is_last`: L = 0, the whole frame in one beat (B = 64, len <= 4);
/// - `extra_beat`: the last beat takes no payload beat: it only empties the
///   bytes held from the previous payload beat. True when the payload's last
///   beat has more than B - o bytes, ((len - 1) mod B) >= B - o, and for a
///   control frame (len = 0), whose join beat is its last;
/// - `last_byte_mask`: bytes of the last beat that hold frame content (header
///   or payload): the low (o + len) mod B bytes, all of them when that is 0;
/// - `padded`: the frame is shorter than 64 bytes before padding (len < 4);
///   its last beat (the join beat) is then kept whole, the bytes past the
///   content being the zero padding.
///
/// Combinational; only `last_beat_less2` needs a carry chain, the rest are
/// functions of the low log2(B) bits of `len` or of a few high bits being 0.
/// The length is trusted: above maxPayload the numbers wrap.
public final class TxFramePlan: Module {
    public let payloadLength = Input(16)
    public let lastBeatLess2: Output
    public let firstIsLast = Output(1)
    public let extraBeat = Output(1)
    public let lastByteMask: Output
    public let padded = Output(1)

    let geometry: BusGeometry

    public init(_ geometry: BusGeometry) {
        self.geometry = geometry
        lastBeatLess2 = Output(geometry.beatIndexWidth + 1)
        lastByteMask = Output(geometry.bytesPerBeat)
    }

    public var moduleName: String { "ttp_tx_frame_plan" }

    /// Wide enough for len + 59 and for len + 59 - 2B as a signed number.
    private static let sumWidth = 18

    public var body: Logic {
        let g = geometry
        let b = g.bytesPerBeat
        let length = payloadLength.bits
        // len < 4, as "no bit above bit 1" (a LUT tree, not a compare's carry chain).
        let short = (length.bits(15, 2) == 0).named("short_frame")
        let offsetSum = length.zext(to: Self.sumWidth) + signedLiteral(WireLayout.headerBytes - 1 - 2 * b, Self.sumWidth)
        // A short frame's last byte (63) is in the beat of byte 59 + len for
        // every B (59 ... 62 and 63 share a beat), so one formula serves.
        lastBeatLess2 <== offsetSum.named("last_byte_less_2b").bits(Self.sumWidth - 1, g.beatShift)
            .truncated(to: g.beatIndexWidth + 1)
        // len <= 4 at B = 64, again without a 16-bit compare.
        let upToFour = length.bits(15, 3) == 0 && length.bits(2, 0) <= 4
        firstIsLast <== (b == WireLayout.minimumFrameBytes ? upToFour : lit(0, 1))
        let lastLane = (length.truncated(to: g.beatShift) - 1).named("last_payload_lane")
        extraBeat <== lastLane >= g.payloadBytesPerJoin
        padded <== short
        let tailBytes = (length.truncated(to: g.beatShift) + g.payloadOffset).named("tail_bytes")
        let allBytes = lit(1, 1).replicated(b)
        lastByteMask <== mux(tailBytes == 0, allBytes, ~(allBytes << tailBytes))
    }
}

/// `value` as a two's-complement literal of `width` bits.
private func signedLiteral(_ value: Int, _ width: Int) -> Bits {
    lit(UInt64(bitPattern: Int64(value)) & (UInt64.max >> (64 - width)), width)
}
