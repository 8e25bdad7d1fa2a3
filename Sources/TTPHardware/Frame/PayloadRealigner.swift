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
    public let spanValid = Output(1)
    public let spanIndex = Output(16)
    public let spanData: Output
    public let spanKeep: Output
    public let spanLast = Output(1)
    public let tailValid = Output(1)
    public let tailIndex = Output(16)
    public let tailData: Output
    public let tailKeep: Output

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
        spanData = Output(dataWidth)
        spanKeep = Output(dataWidth / 8)
        tailData = Output(dataWidth)
        tailKeep = Output(dataWidth / 8)
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
        let span = (beatIndex - (headerBeat + 1)).named("span")
        let tail = (beatIndex - headerBeat).named("tail")
        // The last payload beat lies wholly in the upper B - o bytes of a frame beat.
        let tailOnly = (lastBytes <= bytesPerBeat - offset).named("tail_only")

        When(beatValid) { carry <== beatData.bits(width - 1, 8 * offset) }
        payloadBeats <== beats
        spanValid <== beatValid && storing && beatIndex > headerBeat && span < beats
        spanIndex <== span
        spanData <== cat(beatData.bits(8 * offset - 1, 0), carry)
        spanLast <== span == beats - 1
        spanKeep <== mux(span == beats - 1, lastKeep, allKeep)
        // (At 512 bits every beat is at or past the header's last beat.)
        let inPayload = headerBeat == 0 ? lit(1, 1) : (beatIndex >= headerBeat)
        tailValid <== beatValid && storing && inPayload && beats != 0 && tailOnly
            && tail == beats - 1
        tailIndex <== tail
        tailData <== beatData.bits(width - 1, 8 * offset).zext(to: width)
        tailKeep <== lastKeep
    }
}
