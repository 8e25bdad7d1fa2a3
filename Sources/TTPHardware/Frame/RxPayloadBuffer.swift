import HDL

/// The RX payload store: realigned payload beats are written at a tentative
/// place (past the committed end) while their frame arrives; the frame's
/// last beat either commits them (the committed end moves past them) or
/// leaves them uncommitted, to be overwritten by the next frame (rollback).
/// Only committed beats are streamed out on `pay_*`, so a dropped frame
/// never shows.
///
/// `depth` beats in two memory banks, even beats in bank 0 and odd in bank 1,
/// so the two beats the realigner can complete in one cycle (always
/// consecutive) go to different banks. Each entry is the beat's data, its
/// tkeep and its tlast: the read side needs no per-frame bookkeeping.
/// Reads go through a `PrefetchQueue`, so `pay_tvalid` stays high every
/// cycle while committed beats remain and `pay_tready` is high.
public final class RxPayloadBuffer: Module {
    // Write side: the two payload beats the realigner can complete in a cycle.
    public let span: PayloadBeatWrite<Input>
    public let tail: PayloadBeatWrite<Input>
    /// Keep the current frame's first `commit_beats` beats.
    public let commit = Input(1)
    public let commitBeats = Input(16)
    /// Beats that can be written past the committed end without overwriting unread beats.
    public let free = Output(16)

    public let pay: AxiStreamOut

    let banks: [Memory]
    /// Pointers have one bit more than a beat address, so full and empty differ.
    let committed: Reg
    let readPointer: Reg
    /// Bank of the read in flight.
    let readBank = Reg(1)
    let readAhead: PrefetchQueue
    let depth: Int
    let dataWidth: Int

    public init(dataWidth: Int, depth: Int) {
        precondition(depth >= 8 && depth & (depth - 1) == 0, "depth must be a power of two, at least 8")
        precondition(depth <= 1 << 15, "free is 16 bits")
        self.depth = depth
        self.dataWidth = dataWidth
        let entryWidth = dataWidth + dataWidth / 8 + 1
        banks = (0..<2).map { _ in Memory(width: entryWidth, depth: depth / 2) }
        let pointerBits = depth.trailingZeroBitCount + 1
        committed = Reg(pointerBits, init: 0)
        readPointer = Reg(pointerBits, init: 0)
        readAhead = PrefetchQueue(width: entryWidth, latency: 1)
        span = PayloadBeatWrite(dataWidth: dataWidth)
        tail = PayloadBeatWrite(dataWidth: dataWidth)
        pay = AxiStreamOut(dataWidth: dataWidth)
    }

    public var moduleName: String { "ttp_rx_payload_buffer_w\(dataWidth)_d\(depth)" }

    var pointerBits: Int { committed.width }

    public var body: Logic {
        let spanPlace = (committed + span.index.bits.truncated(to: pointerBits)).named("span_place")
        let tailPlace = (committed + tail.index.bits.truncated(to: pointerBits)).named("tail_place")
        for (bank, memory) in banks.enumerated() {
            When(span.valid && spanPlace[0] == bank) {
                memory.write(row(spanPlace), span.entry)
            }.elseWhen(tail.valid && tailPlace[0] == bank) {
                memory.write(row(tailPlace), tail.entry)
            }
        }
        When(commit) { committed <== committed + commitBeats.bits.truncated(to: pointerBits) }
        free <== (lit(UInt64(depth), pointerBits) - (committed - readPointer)).zext(to: 16)
        readLogic
    }

    /// Streams committed beats in order, one memory read per beat.
    @LogicBuilder var readLogic: Logic {
        let fetch = (committed != readPointer && readAhead.canFetch).named("fetch")
        let reads = banks.enumerated().map { bank, memory in
            memory.read(row(readPointer.bits), enable: fetch && readPointer[0] == bank)
        }
        When(fetch) {
            readPointer <== readPointer + 1
            readBank <== readPointer[0]
        }
        readAhead.fetch <== fetch
        readAhead.readData <== mux(readBank, reads[1], reads[0])
        readAhead.out.ready <== pay.tready
        pay.tvalid <== readAhead.out.valid
        pay.tdata <== readAhead.out.data.bits(dataWidth - 1, 0)
        pay.tkeep <== readAhead.out.data.bits(dataWidth + dataWidth / 8 - 1, dataWidth)
        pay.tlast <== readAhead.out.data.msb
    }

    /// The row of beat `place` within its bank.
    private func row(_ place: Bits) -> Bits { place.bits(pointerBits - 2, 1) }
}
