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
/// - `spans` = `beats` - 1 if `tail_only`, else `beats`: the span writes;
/// - `tail_at_header`: the tail lies in the header beat itself (len <= B - o);
/// - `entries`: the payload buffer entries the payload takes, one a span,
///   the tail riding in the last span's entry, or alone when it is in the
///   header beat;
/// - `last_keep`: the tkeep of the last payload beat.
public final class RxPayloadPlan: Module {
    public let payloadLength = Input(16)
    public let load = Input(1)
    public let beats = Output(16)
    public let spans = Output(16)
    public let tailOnly = Output(1)
    public let tailAtHeader = Output(1)
    public let entries = Output(16)
    public let lastKeep: Output

    let heldBeats = Reg(16)
    let heldSpans = Reg(16)
    let heldTailOnly = Reg(1)
    let heldTailAtHeader = Reg(1)
    let heldEntries = Reg(16)
    let heldLastKeep: Reg
    let geometry: BusGeometry

    public init(_ geometry: BusGeometry) {
        self.geometry = geometry
        lastKeep = Output(geometry.bytesPerBeat)
        heldLastKeep = Reg(geometry.bytesPerBeat)
    }

    public var moduleName: String { "ttp_rx_payload_plan_w\(8 * geometry.bytesPerBeat)" }

    /// The entries a payload of `length` bytes takes (what `entries` says), for models.
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
        let length = payloadLength.bits
        // Bytes of the last payload beat, 0 meaning B.
        let lastBytes = length.bits(shift - 1, 0).named("last_bytes")
        let some = (length != 0).named("some_payload")
        let tail = (some && lastBytes != 0 && lastBytes <= tailRoom).named("tail")
        let allBeats = ((length.zext(to: 17) + (b - 1)) >> shift).truncated(to: 16).named("all_beats")
        let beatsBefore = ((length - 1) >> shift).named("beats_before_last")
        When(load) {
            heldBeats <== allBeats
            heldSpans <== mux(tail, beatsBefore, allBeats)
            heldTailOnly <== tail
            let atHeader = (some && length <= tailRoom).named("tail_at_header_beat")
            heldTailAtHeader <== atHeader
            heldEntries <== mux(tail && !atHeader, beatsBefore, allBeats)
            // Lane i is kept when the last beat is full or has more than i bytes.
            heldLastKeep <== cat((0..<b).reversed().map { lane in
                lane == b - 1 ? lastBytes == 0 : (lastBytes == 0 || lastBytes > lane)
            })
        }
        beats <== heldBeats
        spans <== heldSpans
        tailOnly <== heldTailOnly
        tailAtHeader <== heldTailAtHeader
        entries <== heldEntries
        lastKeep <== heldLastKeep
    }
}
