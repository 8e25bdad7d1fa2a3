/// The output stage of a memory read `latency` cycles after `fetch`, like a
/// decoupled `PrefetchQueue`, for wide words: the words wait in a ring of
/// `latency + 2` registers written and read at one-hot places, so no
/// register moves when a word leaves. Every control signal that fans out to
/// the whole width (a register's load, a place of the output mux) is a flop
/// or one gate of flops; `out_ready` reaches only the small read place and
/// counters. The price: `out_data` is a one-hot mux of the ring's registers,
/// not a register itself (put a `SkidBuffer` after it for a registered output).
///
/// `can_fetch` comes from flops alone; reads can be issued every cycle while
/// `out_ready` is high (one word on the output, `latency` in flight, one
/// register of slack for the cycle the read decision does not see a pop).
///
/// `put` writes `put_data` into the ring at once, as if a read had landed:
/// the bypass of a FIFO whose memory is empty. It is allowed only while
/// `can_put`: no read in flight (so the word keeps its order) and a
/// register free. `can_put` is a flop, so a put decision is one gate deep.
public final class ReadAheadRing: Module {
    public let fetch = Input(1)
    public let readData: Input
    public let canFetch = Output(1)
    public let put = Input(1)
    public let putData: Input
    /// No read in flight and a register free (a flop).
    public let canPut = Output(1)
    public let out: ReadyValidOut
    /// Words held or in flight.
    public let held: Output

    /// Bit i: a read was issued i + 1 cycles ago.
    let inFlight: Reg
    /// Words held plus reads in flight, and words held.
    let pending: Reg
    let count: Reg
    let holding = Reg(1, init: 0)
    /// Every register holds a word (`count` is the capacity).
    let full = Reg(1, init: 0)
    let putOpen = Reg(1, init: 1)
    /// One-hot: the register the next word lands in, and the one on the output.
    let writePlace: Reg
    let readPlace: Reg
    let slots: [Reg]
    let width: Int
    public let latency: Int

    public init(width: Int, latency: Int = BlockRam.readLatency) {
        precondition(latency >= 1, "a memory read takes at least one cycle")
        self.width = width
        self.latency = latency
        let capacity = latency + 2
        let countBits = Int.bitWidth - capacity.leadingZeroBitCount
        readData = Input(width)
        putData = Input(width)
        out = ReadyValidOut(width: width)
        held = Output(countBits)
        inFlight = Reg(latency, init: 0)
        pending = Reg(countBits, init: 0)
        count = Reg(countBits, init: 0)
        writePlace = Reg(capacity, init: 1)
        readPlace = Reg(capacity, init: 1)
        slots = (0..<capacity).map { _ in Reg(width) }
    }

    public var moduleName: String { "read_ahead_ring_\(width)_l\(latency)" }

    /// Words it holds at most.
    public var capacity: Int { slots.count }

    public var body: Logic {
        let pop = (holding && out.ready).named("pop")
        let land = (inFlight[latency - 1] || put).named("land")
        let up = (fetch || put).named("up")
        canFetch <== pending < capacity
        canPut <== putOpen
        inFlight <== latency == 1 ? fetch.bits : cat(inFlight.bits(latency - 2, 0), fetch)
        pending <== pending.stepped(up: up, down: pop)
        // `can_put` of the next cycle: no read in flight then, and `pending`
        // after this cycle's moves below the capacity (from compares of
        // the current count, not from the adder's result).
        let noneInFlightNext = latency == 1 ? !fetch : (!fetch && inFlight.bits(latency - 2, 0) == 0)
        let belowNext = (pending < capacity - 1) || (pending == capacity - 1 && !(up && !pop))
            || (pending == capacity && pop && !up)
        putOpen <== noneInFlightNext && belowNext
        count <== count.stepped(up: land, down: pop)
        holding <== land || (holding && !(pop && count == 1))
        full <== mux(pop, lit(0, 1), full || (land && count == capacity - 1))
        When(land) { writePlace <== rotated(writePlace) }
        When(pop) { readPlace <== rotated(readPlace) }
        // The register at the write place holds no word unless the ring is
        // full, so it loads every cycle it is free, landing or not (a word
        // that does not land is never read), from the read data when a read
        // lands and the put data otherwise (a put never meets a landing
        // read): loads and selects are flops, not `put`, which a caller
        // decides late in its cycle.
        let landing = mux(inFlight[latency - 1], readData, putData).named("landing")
        for (i, slot) in slots.enumerated() {
            When(!full && writePlace[i]) { slot <== landing }
        }
        out.valid <== holding
        out.data <== slots.indices.map { i in slots[i].bits & readPlace[i].replicated(width) }
            .reduce(lit(0, width)) { $0 | $1 }
        held <== pending
    }

    /// The next place round the ring.
    private func rotated(_ place: Reg) -> Bits {
        cat(place.bits(place.width - 2, 0), place.msb)
    }
}
