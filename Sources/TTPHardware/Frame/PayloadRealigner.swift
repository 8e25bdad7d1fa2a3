import HDL

/// Cuts the payload out of the RX beats, realigned so that payload byte 0
/// (frame byte 60) is byte 0 of the first payload beat: payload beat k is
/// frame bytes [60 + kB, 60 + kB + B), with B bytes per beat.
///
/// With o = 60 mod B, payload beat k is the upper B - o bytes of frame beat
/// hb + k (hb = the header's last beat), kept in `carry`, followed by the
/// lower o bytes of frame beat hb + k + 1: it is complete ("spanning") in
/// that next beat. The last payload beat is an exception when its bytes all
/// lie in the upper part of one frame beat (`tail`): it is complete in that
/// beat already. Both can complete in the same frame beat (e.g. 64 bits, 12
/// payload bytes: frame beat 8 completes payload beats 0 and 1), so there
/// are two write ports, at consecutive indices; the payload buffer puts
/// consecutive beats in different memory banks so it can take both.
///
/// Writes happen only when `storing` (the frame's payload has room).
public final class PayloadRealigner: Module {
    public let beatValid = Input(1)
    public let beatData: Input
    public let beatIndex = Input(RxHeaderCapture.beatIndexBits)
    public let storing = Input(1)
    /// Valid from the header's last beat on.
    public let payloadLength = Input(16)

    /// ceil(payload_length / B).
    public let payloadBeats = Output(16)
    /// The payload beat this frame beat completes together with the carry.
    public let span: PayloadBeatWrite<Output>
    /// The last payload beat when it lies wholly in this frame beat.
    public let tail: PayloadBeatWrite<Output>

    /// Upper B - o bytes of the previous beat.
    let carry: Reg
    let bytesPerBeat: Int
    /// o = 60 mod B: payload bytes start at this byte of the header's last beat.
    let offset: Int
    let headerBeat: Int

    public init(dataWidth: Int) {
        bytesPerBeat = dataWidth / 8
        offset = WireLayout.headerBytes % bytesPerBeat
        headerBeat = RxHeaderCapture.headerBeatIndex(bytesPerBeat: bytesPerBeat)
        precondition(offset > 0, "the header fills whole beats only for B = 4, 12, 20, 60 bytes")
        beatData = Input(dataWidth)
        span = PayloadBeatWrite(dataWidth: dataWidth)
        tail = PayloadBeatWrite(dataWidth: dataWidth)
        carry = Reg(8 * (bytesPerBeat - offset))
    }

    public var moduleName: String { "ttp_rx_payload_realigner_w\(beatData.width)" }

    var byteIndexBits: Int { bytesPerBeat.trailingZeroBitCount }

    public var body: Logic {
        let width = beatData.width
        let beats = ((payloadLength.zext(to: 17) + (bytesPerBeat - 1)) >> byteIndexBits).truncated(to: 16)
            .named("beats")
        // Bytes in the last payload beat: 1...B.
        let lastBytes = ((payloadLength - 1).bits(byteIndexBits - 1, 0).zext(to: byteIndexBits + 1) + 1)
            .named("last_bytes")
        let lastKeep = (lit(1, 1).replicated(bytesPerBeat) >> (bytesPerBeat - lastBytes)).named("last_keep")
        let allKeep = lit(1, 1).replicated(bytesPerBeat)
        let spanBeat = (beatIndex - (headerBeat + 1)).named("span")
        let tailBeat = (beatIndex - headerBeat).named("tail")
        // The last payload beat lies wholly in the upper B - o bytes of a frame beat.
        let tailOnly = (lastBytes <= bytesPerBeat - offset).named("tail_only")

        When(beatValid) { carry <== beatData.bits(width - 1, 8 * offset) }
        payloadBeats <== beats
        span.valid <== beatValid && storing && beatIndex > headerBeat && spanBeat < beats
        span.index <== spanBeat
        span.data <== cat(beatData.bits(8 * offset - 1, 0), carry)
        span.last <== spanBeat == beats - 1
        span.keep <== mux(spanBeat == beats - 1, lastKeep, allKeep)
        // (At 512 bits every beat is at or past the header's last beat.)
        let inPayload = headerBeat == 0 ? lit(1, 1) : (beatIndex >= headerBeat)
        tail.valid <== beatValid && storing && inPayload && beats != 0 && tailOnly
            && tailBeat == beats - 1
        tail.index <== tailBeat
        tail.data <== beatData.bits(width - 1, 8 * offset).zext(to: width)
        tail.keep <== lastKeep
        tail.last <== 1
    }
}

/// A payload beat to store: `index` within the frame's payload, its `data`,
/// `keep` and `last`, written when `valid`. Stored as `span`: `span_valid`,
/// `span_index`, ....
public struct PayloadBeatWrite<P: Port>: Bundle {
    public let valid: P
    public let index: P
    public let data: P
    public let keep: P
    public let last: P

    public init(dataWidth: Int, file: StaticString = #fileID, line: UInt = #line) {
        valid = .make(1, file: file, line: line)
        index = .make(16, file: file, line: line)
        data = .make(dataWidth, file: file, line: line)
        keep = .make(dataWidth / 8, file: file, line: line)
        last = .make(1, file: file, line: line)
    }

    /// The buffer entry: last, keep, data (MSB first).
    public var entry: Bits { cat(last, keep, data) }
}
