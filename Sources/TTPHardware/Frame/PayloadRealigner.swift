import HDL

/// Cuts the payload out of the RX beats, realigned so that payload byte 0
/// (frame byte 60) is byte 0 of the first payload beat, over stages 2 and 3
/// of the RX parser.
///
/// With o = 60 mod B, payload beat k is the upper B - o bytes of frame beat
/// hb + k (kept in `carry`) and the lower o bytes of frame beat hb + k + 1:
/// a *span*, complete in that next beat. A last payload beat of at most
/// B - o bytes (4 at every width) lies in one frame beat and is complete
/// there: the *tail* (see `RxPayloadPlan`). A span and the tail can complete
/// in the same frame beat; then the tail rides in the span's entry (its
/// `tail_*` fields) and the payload buffer gives it out as the beat after
/// the span. So each frame beat makes at most one entry, and the buffer one
/// write a cycle in one RAM.
///
/// Stage 2 counts down the spans left (as the plan's `spans` - 1 and - 2,
/// whose signs say "none left" and "at most one left": no compare) and
/// registers, for each beat, whether it completes a span, whether that is
/// the last one and whether it completes the tail; stage 3 makes the entry,
/// so every write condition is a gate from flops. Entries
/// are offered whether or not the payload had room: the buffer's `store`
/// decides.
public final class PayloadRealigner: Module {
    // Stage 2: the beat there and the frame's plan.
    public let countValid = Input(1)
    public let countHeaderBeat = Input(1)
    public let countPastHeader = Input(1)
    /// The frame's spans less one and less two (`RxPayloadPlan`), 17-bit signed.
    public let spansLess1 = Input(RxPayloadPlan.signedCountBits)
    public let spansLess2 = Input(RxPayloadPlan.signedCountBits)
    public let countTailOnly = Input(1)
    public let countTailAtHeader = Input(1)
    // Stage 3: the beat there and the frame's plan.
    public let beatValid = Input(1)
    public let beatData: Input
    public let tailOnly = Input(1)
    public let lastKeep: Input

    public let entry: PayloadEntryWrite<Output>

    /// Spans left for the frame beats still to pass stage 2, less one and
    /// less two: negative (top bit set) when none and when at most one are left.
    let leftLess1 = Reg(RxPayloadPlan.signedCountBits)
    let leftLess2 = Reg(RxPayloadPlan.signedCountBits)
    /// The beat now in stage 3 completes a span, and it is the frame's last;
    /// it completes the tail.
    let spanHere = Reg(1, init: 0)
    let spanIsLast = Reg(1)
    let tailHere = Reg(1, init: 0)
    /// Upper B - o bytes of the previous beat in stage 3.
    let carry: Reg
    let geometry: BusGeometry

    public init(_ geometry: BusGeometry) {
        self.geometry = geometry
        precondition(geometry.payloadOffset > 0, "no bus width divides 60")
        let width = 8 * geometry.bytesPerBeat
        beatData = Input(width)
        lastKeep = Input(geometry.bytesPerBeat)
        entry = PayloadEntryWrite(geometry)
        carry = Reg(8 * geometry.payloadBytesPerJoin)
    }

    public var moduleName: String { "ttp_rx_payload_realigner_w\(beatData.width)" }

    public var body: Logic {
        countSpans
        let width = beatData.width, low = 8 * geometry.payloadOffset
        let tailBytes = geometry.payloadBytesPerJoin
        let allKeep = lit(1, 1).replicated(geometry.bytesPerBeat)
        let upper = beatData.bits(width - 1, low).named("upper_bytes")
        let spanEndsPayload = (spanIsLast && !tailOnly).named("span_ends_payload")
        When(beatValid) { carry <== upper }
        entry.valid <== beatValid && (spanHere || tailHere)
        // A span (with the tail, if it completes here too), or the tail alone.
        entry.data <== mux(spanHere, cat(beatData.bits(low - 1, 0), carry), upper.zext(to: width))
        entry.keep <== mux(spanHere, mux(spanEndsPayload, lastKeep, allKeep), lastKeep)
        entry.last <== mux(spanHere, spanEndsPayload, lit(1, 1))
        entry.tailValid <== spanHere && tailHere
        entry.tailData <== upper
        entry.tailKeep <== lastKeep.bits.truncated(to: tailBytes)
    }

    /// Stage 2: the header beat loads the count; each later beat completes a
    /// span while some are left. The tail is in the header beat or in the
    /// beat of the last span.
    @LogicBuilder private var countSpans: Logic {
        let spanNext = (countValid && countPastHeader && !leftLess1.msb).named("span_next")
        let lastSpanNext = (!leftLess1.msb && leftLess2.msb).named("last_span_next")
        When(countValid && countHeaderBeat) {
            leftLess1 <== spansLess1
            leftLess2 <== spansLess2
        }.elseWhen(spanNext) {
            leftLess1 <== leftLess1 - 1
            leftLess2 <== leftLess2 - 1
        }
        spanHere <== spanNext
        spanIsLast <== lastSpanNext
        tailHere <== countValid && countTailOnly
            && mux(countHeaderBeat, countTailAtHeader, spanNext && lastSpanNext)
    }
}

/// An entry of the RX payload buffer to write, when `valid`: a payload beat
/// (`data`, `keep`, `last`) and, when `tail_valid`, the frame's tail after
/// it (`tail_data`, `tail_keep`: the last payload beat, of at most B - o
/// bytes, which is always the frame's last). Stored as `entry`: `entry_valid`, ....
public struct PayloadEntryWrite<P: Port>: Bundle {
    public let valid: P
    public let data: P
    public let keep: P
    public let last: P
    public let tailValid: P
    public let tailData: P
    public let tailKeep: P

    public init(_ geometry: BusGeometry, file: StaticString = #fileID, line: UInt = #line) {
        let bytes = geometry.bytesPerBeat, tailBytes = geometry.payloadBytesPerJoin
        valid = .make(1, file: file, line: line)
        data = .make(8 * bytes, file: file, line: line)
        keep = .make(bytes, file: file, line: line)
        last = .make(1, file: file, line: line)
        tailValid = .make(1, file: file, line: line)
        tailData = .make(8 * tailBytes, file: file, line: line)
        tailKeep = .make(tailBytes, file: file, line: line)
    }

    /// The RAM word, first field in the MSBs: tail valid, tail keep, tail
    /// data, last, keep, data.
    public var word: Bits { cat(tailValid, tailKeep, tailData, last, keep, data) }

    /// Bits of `word`.
    public static func width(_ geometry: BusGeometry) -> Int {
        let bytes = geometry.bytesPerBeat, tailBytes = geometry.payloadBytesPerJoin
        return 1 + tailBytes + 8 * tailBytes + 1 + bytes + 8 * bytes
    }
}
