/// A pool of `count` numbered places (0 ..< `count`: slots of a replay
/// memory, entries of a table), handed out one at a time and given back in
/// any order.
///
/// `offer` is the place the next `take` gets and `available` says there is
/// one; the offer stays the same until it is taken, whatever is given back
/// meanwhile, so a user may write into the offered place before it decides
/// to take it (a payload that turns out bad is then simply not taken, and
/// its place is offered again). `give` returns `give_place`, one a cycle,
/// at once usable; giving back a place that is not out is the caller's
/// error, which this block does not detect.
///
/// After reset the places are offered from a counter, 0, 1, 2, ..., so no
/// cycle is spent filling a list; places given back wait in a `SyncFifo`
/// deep enough for all of them, which offers them once the counter has run
/// out. A place given back reaches the offer `SyncFifo.latency` + 1 cycles
/// later, so `available` may be 0 for that long after a give to an empty
/// pool. `offer` and `available` are one gate from flops; `take` reaches
/// only the counter and the FIFO's read side. `free` counts the places
/// not out as of a cycle ago (a flop: the take, late in its cycle, is
/// counted from a flop), for status and for the caller's invariant checks.
public final class FreeList: Module {
    public let take = Input(1)
    public let offer: Output
    public let available = Output(1)
    public let give = Input(1)
    public let givePlace: Input
    public let free: Output

    /// The next place never handed out, and whether there is one.
    let fresh: Reg
    let freshLeft = Reg(1, init: 1)
    let returned: SyncFifo
    let freeCount: Reg
    /// This cycle's take and give, counted a cycle later.
    let took = Reg(1, init: 0)
    let gave = Reg(1, init: 0)

    public let count: Int
    public let placeBits: Int

    public init(count: Int, technology: RamTechnology = .inferred) {
        precondition(count >= 2, "a pool of at least two places")
        self.count = count
        placeBits = Int.bitWidth - (count - 1).leadingZeroBitCount
        let countBits = Int.bitWidth - count.leadingZeroBitCount
        offer = Output(placeBits)
        givePlace = Input(placeBits)
        free = Output(countBits)
        fresh = Reg(placeBits, init: 0)
        freeCount = Reg(countBits, init: UInt64(count))
        // Room for every place: this FIFO holds `depth` + 4 words. Its RAM's
        // word is registered before the read-ahead, since the RAM (a block
        // RAM for the default 256 slots) may land far from the offer's users.
        let need = max(2, count - 4)
        let depth: Int = 1 << (Int.bitWidth - (need - 1).leadingZeroBitCount)
        returned = SyncFifo(width: placeBits, depth: depth, technology: technology, registeredRead: true)
    }

    public var moduleName: String { "free_list_\(count)" }

    public var body: Logic {
        let takesFresh = (take && freshLeft).named("takes_fresh")
        When(takesFresh) {
            fresh <== fresh + 1
            freshLeft <== fresh.bits != lit(UInt64(count - 1), placeBits)
        }
        returned.in.valid <== give
        returned.in.data <== givePlace
        returned.out.ready <== take && !freshLeft
        offer <== mux(freshLeft, fresh, returned.out.data)
        available <== freshLeft || returned.out.valid
        took <== take
        gave <== give
        freeCount <== freeCount.bits.stepped(up: gave, down: took)
        free <== freeCount
    }
}
