import HDL

/// `ttp_payload_sender`: puts frames to send in front of the TX builder.
/// Each request is a descriptor (`req_*`, a `FrameHeader`) and, for a
/// PAYLOAD, the replay slot holding its bytes (`req_slot`); the descriptor
/// goes to the builder (`desc_*`) as the request is taken, and the slot's
/// first ceil(length / B) beats are read from the `PayloadStore` and given
/// to the builder's payload stream (`pay_*`, `tlast` on the frame's last
/// beat, `tkeep` all ones: the builder frames by the length). A request of
/// length 0 (a control frame) reads nothing.
///
/// The reads run ahead of the builder through a `PrefetchQueue`, one a
/// cycle while it has room; a request is taken once the reads of the one
/// before are all issued, so the builder's descriptor slice holds the next
/// frame while the current one is sent and frames follow each other.
public final class PayloadSender: Module {
    public let reqValid = Input(1)
    public let reqReady = Output(1)
    public let req = FrameHeaderPorts<Input>()
    public let reqSlot: Input

    /// The payload store's read port (`PayloadStore`, which reads every cycle).
    public let readSlot: Output
    public let readBeat: Output
    public let readData: Input

    public let descValid = Output(1)
    public let descReady = Input(1)
    public let desc = FrameHeaderPorts<Output>()
    public let pay: AxiStreamOut

    /// Reads of the slot `slot` are being issued, `beat` next, up to `lastBeat`.
    let reading = Reg(1, init: 0)
    let slot: Reg
    let beat: Reg
    let lastBeat: Reg
    /// "This word is its frame's last", delayed as the RAM delays the word.
    let lastInFlight: [Reg]
    let words: PrefetchQueue

    public let geometry: ReplayGeometry

    public init(_ parameters: EndpointParameters) {
        let g = ReplayGeometry(parameters)
        geometry = g
        let width = parameters.dataWidth
        reqSlot = Input(g.slotBits)
        readSlot = Output(g.slotBits)
        readBeat = Output(max(1, g.beatBits))
        readData = Input(width)
        pay = AxiStreamOut(dataWidth: width)
        slot = Reg(g.slotBits)
        beat = Reg(max(1, g.beatBits))
        lastBeat = Reg(max(1, g.beatBits))
        lastInFlight = (0..<PayloadStore.readLatency).map { _ in Reg(1, init: 0) }
        words = PrefetchQueue(width: width + 1, latency: PayloadStore.readLatency)
    }

    public var moduleName: String { "ttp_payload_sender" }

    public var body: Logic {
        descValid <== reqValid && !reading
        reqReady <== descReady && !reading
        desc.drive(from: req.record)
        let starts = (reqValid && descReady && !reading && req.payloadLength.bits != lit(0, 16)).named("starts")
        let fetch = (reading && words.canFetch).named("fetch")
        let fetchesLast = (beat.bits == lastBeat.bits).named("fetches_last")
        When(starts) {
            reading <== 1
            slot <== reqSlot
            beat <== 0
            lastBeat <== ((req.payloadLength - 1) >> geometry.bytesPerBeat.trailingZeroBitCount).resized(to: lastBeat.width)
        }.elseWhen(fetch) {
            When(fetchesLast) { reading <== 0 }.otherwise { beat <== beat + 1 }
        }
        // The store reads every cycle; the queue takes the words of the
        // reads it issued (it counts them itself).
        readSlot <== slot
        readBeat <== beat
        lastInFlight[0] <== fetch && fetchesLast
        for i in 1..<lastInFlight.count { lastInFlight[i] <== lastInFlight[i - 1] }
        words.fetch <== fetch
        words.readData <== cat(lastInFlight[lastInFlight.count - 1], readData)
        pay.tvalid <== words.out.valid
        words.out.ready <== pay.tready
        pay.tdata <== words.out.data.bits(readData.width - 1, 0)
        pay.tlast <== words.out.data.msb
        pay.tkeep <== lit(UInt64.max >> (64 - readData.width / 8), readData.width / 8)
    }
}
