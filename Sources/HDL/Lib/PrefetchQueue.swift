/// The output stage of a memory whose read data arrives `latency` cycles
/// after the read is issued (`fetch`; `BlockRam` has latency 2): a queue of
/// `latency + 1` registers that takes each word as it lands and gives the
/// words out in order on `out`, and tells the reader when it may issue
/// another read (`can_fetch`).
///
/// `latency + 1` registers, so reads can be issued every cycle while
/// `out_ready` is high: with one word on the output and `latency` reads in
/// flight, the read issued in the cycle a word leaves lands in the register
/// that word frees. `can_fetch` looks at `out_ready` for that reason (one
/// 2-input gate); `out_valid` and `out_data` come straight from registers.
/// `decoupled` adds a register so that `can_fetch` comes from flops alone,
/// for a reader whose fetch logic should not wait on `out_ready`.
public final class PrefetchQueue: Module {
    /// A read is issued this cycle; its word is on `read_data` `latency` cycles later.
    public let fetch = Input(1)
    public let readData: Input
    /// A read issued now will find a free register when it lands.
    public let canFetch = Output(1)
    public let out: ReadyValidOut
    /// Words held or in flight: 0 ... capacity.
    public let held: Output

    /// Bit i: a read was issued i + 1 cycles ago.
    let inFlight: Reg
    /// Words held plus reads in flight.
    let pending: Reg
    /// Bit i: slot i holds a word (a thermometer: slots fill from 0), so
    /// every slot's load condition is a gate or two of flops.
    let filled: Reg
    /// `slots[0]` is on the output, the others wait behind it in order.
    let slots: [Reg]
    let width: Int
    public let latency: Int

    public let decoupled: Bool

    public init(width: Int, latency: Int = BlockRam.readLatency, decoupled: Bool = false) {
        precondition(latency >= 1, "a memory read takes at least one cycle")
        self.width = width
        self.latency = latency
        self.decoupled = decoupled
        let capacity = latency + (decoupled ? 2 : 1)
        let countBits = Int.bitWidth - capacity.leadingZeroBitCount
        readData = Input(width)
        out = ReadyValidOut(width: width)
        held = Output(countBits)
        inFlight = Reg(latency, init: 0)
        pending = Reg(countBits, init: 0)
        filled = Reg(capacity, init: 0)
        slots = (0..<capacity).map { _ in Reg(width) }
    }

    public var moduleName: String { "prefetch_queue_\(width)_l\(latency)" + (decoupled ? "_decoupled" : "") }

    /// Words it holds at most.
    public var capacity: Int { slots.count }

    public var body: Logic {
        let pop = (filled[0] && out.ready).named("pop")
        let land = inFlight[latency - 1].named("land")
        canFetch <== decoupled ? (pending < capacity) : (pending < capacity || pop)
        inFlight <== latency == 1 ? fetch.bits : cat(inFlight.bits(latency - 2, 0), fetch)
        pending <== pending.stepped(up: fetch, down: pop)
        let n = slots.count
        let grown = cat(filled.bits(n - 2, 0), lit(1, 1))
        let shrunk = cat(lit(0, 1), filled.bits(n - 1, 1))
        When(land && !pop) { filled <== grown }.elseWhen(pop && !land) { filled <== shrunk }
        for (i, slot) in slots.enumerated() {
            // A pop moves every word one place forward; a landing word goes
            // right behind the last word held: slot i is that place when it is
            // the first empty one, or, with a pop, the last full one.
            let nextMovesUp = i + 1 < n ? (pop && filled[i + 1]) : lit(0, 1)
            let firstEmpty = (i == 0 ? lit(1, 1) : filled[i - 1]) && !filled[i]
            let lastFull = filled[i] && (i + 1 < n ? !filled[i + 1] : lit(1, 1))
            let landsHere = land && mux(pop, lastFull, firstEmpty)
            When(nextMovesUp) {
                slot <== slots[min(i + 1, n - 1)]
            }.elseWhen(landsHere) {
                slot <== readData
            }
        }
        out.valid <== filled[0]
        out.data <== slots[0]
        held <== pending
    }
}
