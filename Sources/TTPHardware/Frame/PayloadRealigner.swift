import HDL

/// Cuts the payload out of the RX beats, realigned so that payload byte 0
/// (frame byte 60) is byte 0 of the first payload beat, over stages 2 and 3
/// of the RX parser.
///
/// With o = 60 mod B, payload beat k is the upper B - o bytes of frame beat
/// hb + k (kept in `carry`) and the lower o bytes of frame beat hb + k + 1:
/// a *span*, complete in that next beat. A last payload beat of at most
/// B - o bytes lies in one frame beat and is complete there: the *tail*
/// (see `RxPayloadPlan`). A span and the tail can complete in the same
/// beat, so there are two write ports; the payload buffer puts them at
/// consecutive places, in different banks.
///
/// Stage 2 counts the spans of the frame beats passing it against the
/// plan's `spans` and registers, for each beat, whether it completes a span
/// and whether that is the last one; stage 3 makes the writes, so every
/// write condition is a few gates from flops. The writes are offered
/// whether or not the payload had room: the payload buffer's `store` decides.
public final class PayloadRealigner: Module {
    // Stage 2: the beat there and the frame's span count.
    public let countValid = Input(1)
    public let countHeaderBeat = Input(1)
    public let countPastHeader = Input(1)
    public let spans = Input(16)
    public let countTailOnly = Input(1)
    public let countTailAtHeader = Input(1)
    // Stage 3: the beat there and the frame's plan.
    public let beatValid = Input(1)
    public let beatData: Input
    public let tailOnly = Input(1)
    public let lastKeep: Input

    public let span: PayloadBeatWrite<Output>
    public let tail: PayloadBeatWrite<Output>

    /// Spans completed so far in the frame beats that passed stage 2, and one more.
    let spanIndex = Reg(16)
    let spanIndexNext = Reg(16)
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
        span = PayloadBeatWrite(dataWidth: width)
        tail = PayloadBeatWrite(dataWidth: width)
        carry = Reg(8 * (geometry.bytesPerBeat - geometry.payloadOffset))
    }

    public var moduleName: String { "ttp_rx_payload_realigner_w\(beatData.width)" }

    public var body: Logic {
        countSpans
        let width = beatData.width, low = 8 * geometry.payloadOffset
        let allKeep = lit(1, 1).replicated(geometry.bytesPerBeat)
        let spanEndsPayload = (spanIsLast && !tailOnly).named("span_ends_payload")
        When(beatValid) { carry <== beatData.bits(width - 1, low) }
        span.valid <== beatValid && spanHere
        span.data <== cat(beatData.bits(low - 1, 0), carry)
        span.keep <== mux(spanEndsPayload, lastKeep, allKeep)
        span.last <== spanEndsPayload
        tail.valid <== beatValid && tailHere
        tail.data <== beatData.bits(width - 1, low).zext(to: width)
        tail.keep <== lastKeep
        tail.last <== 1
    }

    /// Stage 2: the header beat restarts the count; each later beat completes
    /// span number `span_index` while that is below `spans`. The tail is in
    /// the header beat or in the beat of the last span.
    @LogicBuilder private var countSpans: Logic {
        When(countValid && countHeaderBeat) {
            spanIndex <== 0
            spanIndexNext <== 1
        }.elseWhen(countValid && countPastHeader) {
            spanIndex <== spanIndex + 1
            spanIndexNext <== spanIndexNext + 1
        }
        let spanNext = (countValid && countPastHeader && spanIndex < spans).named("span_next")
        let lastSpanNext = (spanIndexNext == spans).named("last_span_next")
        spanHere <== spanNext
        spanIsLast <== lastSpanNext
        tailHere <== countValid && countTailOnly
            && mux(countHeaderBeat, countTailAtHeader, spanNext && lastSpanNext)
    }
}

/// A payload beat to store, written when `valid`: its `data`, `keep` and
/// `last`. Stored as `span`: `span_valid`, `span_data`, ....
public struct PayloadBeatWrite<P: Port>: Bundle {
    public let valid: P
    public let data: P
    public let keep: P
    public let last: P

    public init(dataWidth: Int, file: StaticString = #fileID, line: UInt = #line) {
        valid = .make(1, file: file, line: line)
        data = .make(dataWidth, file: file, line: line)
        keep = .make(dataWidth / 8, file: file, line: line)
        last = .make(1, file: file, line: line)
    }

    /// The buffer entry: last, keep, data (MSB first).
    public var entry: Bits { cat(last, keep, data) }
}
