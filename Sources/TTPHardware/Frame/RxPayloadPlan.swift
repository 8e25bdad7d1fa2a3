import HDL

/// Stage 1 of the RX parser: how the frame's payload falls into payload
/// beats, worked out once from its length so that the realigner's per-beat
/// decisions are compares against registers. Registered and held from the
/// frame-info beat, like the header record.
///
/// With B bytes a beat and o = 60 mod B (the header's bytes in the header
/// beat), payload beat k ends in frame beat hb + k + 1 ("a span": the top
/// B - o bytes of one beat and the low o bytes of the next), except a last
/// payload beat of at most B - o bytes, which lies in one frame beat ("the
/// tail") and is complete there. So:
/// - `beats` = ceil(len / B), the payload beats to store;
/// - `tail_only`: the last payload beat is a tail;
/// - `spans` = `beats` - 1 if `tail_only`, else `beats`: the span writes,
///   given as `spans_less1` and `spans_less2` (17-bit signed), the loads of
///   the realigner's down-counters, each one subtraction from the length;
/// - `tail_at_header`: the tail lies in the header beat itself (len <= B - o);
/// - `entries(...)`, a stage later: the payload buffer entries the payload
///   takes, one a span, the tail riding in the last span's entry, or alone
///   when it is in the header beat;
/// - `last_keep`: the tkeep of the last payload beat.
public final class RxPayloadPlan: Module {
    /// The TSH length: 26 + the payload length. Every number below is one
    /// subtraction or compare from it (no subtraction of 26 first).
    public let tshLength = Input(16)
    public let load = Input(1)
    public let beats = Output(16)
    /// No payload at all.
    public let empty = Output(1)
    public let spansLess1 = Output(RxPayloadPlan.signedCountBits)
    public let spansLess2 = Output(RxPayloadPlan.signedCountBits)
    public let tailOnly = Output(1)
    public let tailAtHeader = Output(1)
    /// `beats` - 1 (for a payload of at least one byte).
    public let beatsBeforeLast = Output(16)
    public let lastKeep: Output

    let heldBeats = Reg(16)
    let heldEmpty = Reg(1)
    let heldSpansLess1 = Reg(RxPayloadPlan.signedCountBits)
    let heldSpansLess2 = Reg(RxPayloadPlan.signedCountBits)
    let heldTailOnly = Reg(1)
    let heldTailAtHeader = Reg(1)
    let heldBeatsBefore = Reg(16)
    let heldLastKeep: Reg
    let geometry: BusGeometry

    public init(_ geometry: BusGeometry) {
        self.geometry = geometry
        lastKeep = Output(geometry.bytesPerBeat)
        heldLastKeep = Reg(geometry.bytesPerBeat)
    }

    public var moduleName: String { "ttp_rx_payload_plan_w\(8 * geometry.bytesPerBeat)" }

    /// Width of the signed span counts: a 16-bit count and a sign.
    public static let signedCountBits = 17

    /// `value + offset` for an offset of either sign.
    private func shifted(_ value: Bits, by offset: Int) -> Bits {
        offset >= 0 ? value + offset : value - (-offset)
    }

    /// Whether the last payload beat's byte count (0 meaning B) is one
    /// `holds` takes: a function of the TSH length's low bits.
    private func lastBytesFlag(_ holds: (Int) -> Bool) -> Bits {
        let b = geometry.bytesPerBeat
        let tshLow = tshLength.bits(geometry.beatShift - 1, 0)
        let values = (0..<b).filter { holds(($0 - WireLayout.tshOverhead) & (b - 1)) }
        return values.isEmpty ? lit(0, 1) : cat(values.map { tshLow == $0 }).orReduce()
    }

    /// The tail shares the last span's entry: the payload takes one entry
    /// fewer than its beats.
    public var tailShares: Bits { tailOnly && !tailAtHeader }

    /// The entries a payload of `length` bytes takes (what `entries()` gives), for models.
    public static func entries(payloadLength length: Int, _ geometry: BusGeometry) -> Int {
        let b = geometry.bytesPerBeat
        let beats = (length + b - 1) / b
        let lastBytes = length % b == 0 ? b : length % b
        let tail = length > 0 && lastBytes <= geometry.payloadBytesPerJoin
        return tail && beats > 1 ? beats - 1 : beats
    }

    public var body: Logic {
        let b = geometry.bytesPerBeat, shift = geometry.beatShift
        let tailRoom = b - geometry.payloadOffset
        let tsh = tshLength.bits, overhead = WireLayout.tshOverhead
        // Bytes of the last payload beat, 0 meaning B: the length's low bits,
        // which are the TSH length's low bits less 26. The flags of them are
        // written as functions of the TSH length's own bits (a few LUTs each),
        // not of a subtraction's result.
        // (A last beat of 1 ... B - o bytes implies some payload.)
        let tail = lastBytesFlag { $0 != 0 && $0 <= tailRoom }.named("tail")
        let bits = RxPayloadPlan.signedCountBits
        let wide = tsh.zext(to: bits)
        // ceil(len / B) = (len + B - 1) >> s, with len = tsh - 26.
        let allBeats = (shifted(wide, by: b - 1 - overhead) >> shift).truncated(to: 16).named("all_beats")
        // floor((len - 1 - k B) / B) = floor((len - 1) / B) - k, signed, one subtraction each.
        let before = (0..<3).map { k in (wide - (overhead + 1 + k * b)) >>> shift }
        let beatsBefore = before[0].truncated(to: 16).named("beats_before_last")
        When(load) {
            heldBeats <== allBeats
            heldEmpty <== tsh == overhead
            // spans - 1 and - 2: (beats before the last) - 1 and - 2 with a
            // tail, else beats - 1 = beats before the last, and - 1.
            heldSpansLess1 <== mux(tail, before[1], before[0])
            heldSpansLess2 <== mux(tail, before[2], before[1])
            heldTailOnly <== tail
            heldTailAtHeader <== tsh > overhead && tsh <= overhead + tailRoom
            heldBeatsBefore <== beatsBefore
            // Lane i is kept when the last beat is full or has more than i bytes.
            heldLastKeep <== cat((0..<b).reversed().map { lane in lastBytesFlag { $0 == 0 || $0 > lane } })
        }
        beats <== heldBeats
        empty <== heldEmpty
        spansLess1 <== heldSpansLess1
        spansLess2 <== heldSpansLess2
        tailOnly <== heldTailOnly
        tailAtHeader <== heldTailAtHeader
        beatsBeforeLast <== heldBeatsBefore
        lastKeep <== heldLastKeep
    }
}
