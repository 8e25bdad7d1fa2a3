import HDL

/// The RX payload store, in stage 3 of the parser: realigned payload beats
/// are written at tentative places past the committed end while their frame
/// arrives; the frame's last beat either commits them (the committed end
/// moves past them) or rolls them back (the next frame writes over them).
/// Only committed beats are streamed out on `pay_*`, so a dropped frame
/// never shows.
///
/// `depth` beats in two `BlockRam` banks, even places in bank 0 and odd in
/// bank 1, so a span and a tail completed in one cycle (always at
/// consecutive places) go to different banks. Each entry is the beat's
/// data, tkeep and tlast: the read side needs no per-frame bookkeeping.
///
/// Everything a cycle decides comes from registers: the write places are
/// kept with their successors (`write_at`, `write_at_next`), and the room
/// left and the committed beats not yet read are counters updated
/// by one adder each, the amounts for a commit prepared a stage earlier
/// (`RxCommitAmounts`). Reads go through a decoupled `PrefetchQueue`, so
/// `pay_tvalid` stays high every cycle while committed beats remain and
/// `pay_tready` is high, and `pay_tready` reaches no counter within a cycle.
public final class RxPayloadBuffer: Module {
    /// The payload beats completed this cycle, written if `store`.
    public let span: PayloadBeatWrite<Input>
    public let tail: PayloadBeatWrite<Input>
    public let store = Input(1)
    /// The frame's last beat is in stage 3: its beats are kept if `commit`, else dropped.
    public let frameEnd = Input(1)
    public let commit = Input(1)
    /// `RxCommitAmounts` of the frame's payload beats.
    public let amounts = Input(RxCommitAmounts.width)
    /// `need` beats can be written past the committed end without
    /// overwriting unread ones (`fits`), and at least one can (`free_non_zero`,
    /// one gate from flops, for a decision that cannot wait for a compare).
    public let need = Input(16)
    public let fits = Output(1)
    public let freeNonZero = Output(1)
    public let pay: AxiStreamOut

    let banks: [BlockRam]
    /// The next write place and the two after it, and the committed end and
    /// the two after it: a cycle writes 0, 1 or 2 beats, so the new places
    /// are picked from these, not added.
    let writePlaces: [Reg]
    let committedPlaces: [Reg]
    let readAt: Reg
    /// The bank of the read two cycles ago, whose word lands now.
    let readBank = (0..<BlockRam.readLatency).map { _ in Reg(1) }
    /// The room, and the room less one (negative, top bit set, when there is
    /// none), each kept as two candidates, the value after a commit and the
    /// value without one, with the choice made a cycle late (`room_committed`):
    /// a commit, decided deep in a cycle, picks a register instead of driving
    /// an adder, so every counter update is a mux and an adder from flops.
    let roomIfCommitted: Reg
    let roomIfNot: Reg
    let roomLess1IfCommitted: Reg
    let roomLess1IfNot: Reg
    let roomCommitted = Reg(1, init: 0)
    /// Committed beats not yet read, minus one: negative (top bit set) when none.
    let unreadLess1: Reg
    /// A commit and its amounts, a cycle on: a committed beat is in the RAM
    /// a cycle after its write (the write port is registered), so it counts
    /// as unread a cycle later.
    let committedLately = Reg(1, init: 0)
    let amountsLately = Reg(RxCommitAmounts.width)
    let readAhead: PrefetchQueue
    let depth: Int
    let dataWidth: Int

    public init(dataWidth: Int, depth: Int, technology: RamTechnology = .inferred) {
        precondition(depth >= 8 && depth & (depth - 1) == 0, "depth must be a power of two, at least 8")
        precondition(depth <= 1 << 15, "the room fits the 17-bit counters with a sign")
        self.depth = depth
        self.dataWidth = dataWidth
        let entryWidth = dataWidth + dataWidth / 8 + 1
        banks = (0..<2).map { _ in
            BlockRam(width: entryWidth, depth: depth / 2, technology: technology, registeredWrite: true)
        }
        let placeBits = depth.trailingZeroBitCount
        writePlaces = (0..<3).map { Reg(placeBits, init: UInt64($0)) }
        committedPlaces = (0..<3).map { Reg(placeBits, init: UInt64($0)) }
        readAt = Reg(placeBits, init: 0)
        let countBits = RxCommitAmounts.countBits
        roomIfCommitted = Reg(countBits, init: UInt64(depth))
        roomIfNot = Reg(countBits, init: UInt64(depth))
        roomLess1IfCommitted = Reg(countBits, init: UInt64(depth - 1))
        roomLess1IfNot = Reg(countBits, init: UInt64(depth - 1))
        unreadLess1 = Reg(RxCommitAmounts.countBits, init: (1 << UInt64(RxCommitAmounts.countBits)) - 1)
        readAhead = PrefetchQueue(width: entryWidth, decoupled: true)
        span = PayloadBeatWrite(dataWidth: dataWidth)
        tail = PayloadBeatWrite(dataWidth: dataWidth)
        pay = AxiStreamOut(dataWidth: dataWidth)
    }

    public var moduleName: String { "ttp_rx_payload_buffer_w\(dataWidth)_d\(depth)" }

    /// Beats fetched from the RAM but not yet taken on `pay_*`, at most.
    public var readAheadBeats: Int { readAhead.capacity }

    public var body: Logic {
        writeLogic
        placeLogic
        let fetch = (!unreadLess1.msb && readAhead.canFetch).named("fetch")
        countLogic(fetch: fetch)
        readLogic(fetch: fetch)
    }

    /// A span goes to `write_at`; a tail right after it, or to `write_at`
    /// when there is no span this cycle.
    /// `store` only gates the write enables: the places and data are chosen
    /// from the beats offered, so the room decision is one gate from the RAMs.
    @LogicBuilder private var writeLogic: Logic {
        let tailPlace = mux(span.valid, writeAtNext, writeAt).named("tail_place")
        for (bank, ram) in banks.enumerated() {
            let spanHere = (span.valid && writeAt[0] == bank).named("span_to_bank\(bank)")
            ram.writeEnable <== store && (spanHere || (tail.valid && tailPlace[0] == bank))
            ram.writeAddress <== row(mux(spanHere, writeAt, tailPlace))
            ram.writeData <== mux(spanHere, span.entry, tail.entry)
        }
    }

    private var writeAt: Reg { writePlaces[0] }
    private var writeAtNext: Reg { writePlaces[1] }

    /// Places move on by the beats written; a frame's end commits them or
    /// moves the write place back to the committed end.
    @LogicBuilder private var placeLogic: Logic {
        // Beats offered, stored or not: a payload without room never
        // commits, so its frame's end moves the place back anyway.
        let written = (span.valid.bits.zext(to: 2) + tail.valid.bits.zext(to: 2)).named("written")
        let last = writePlaces[2]
        let ahead = writePlaces.map(\.bits) + [(last + 1).named("write_place_3"), (last + 2).named("write_place_4")]
        let advanced = (0..<3).map { k in select([ahead[k], ahead[k + 1], ahead[k + 2]], at: written) }
        for (k, place) in writePlaces.enumerated() {
            place <== mux(frameEnd && !commit, committedPlaces[k], advanced[k])
            When(frameEnd && commit) { committedPlaces[k] <== advanced[k] }
        }
    }

    /// Room and unread beats, one adder each: a commit takes the frame's
    /// beats from the room and adds them to the unread; a fetch does the reverse with one.
    @LogicBuilder private func countLogic(fetch: Bits) -> Logic {
        let amount = Packed<RxCommitAmounts>(amounts)
        let committing = (frameEnd && commit).named("committing")
        let one = lit(1, RxCommitAmounts.countBits), minusOne = lit(1, 1).replicated(RxCommitAmounts.countBits)
        let zero = lit(0, RxCommitAmounts.countBits)
        let room = mux(roomCommitted, roomIfCommitted, roomIfNot).named("room")
        let roomLess1 = mux(roomCommitted, roomLess1IfCommitted, roomLess1IfNot).named("room_less1")
        // A fetch frees one beat: the adders' carry in.
        let freed = fetch.zext(to: RxCommitAmounts.countBits)
        roomIfCommitted <== room + amount.negativeBeats + freed
        roomIfNot <== room + freed
        roomLess1IfCommitted <== roomLess1 + amount.negativeBeats + freed
        roomLess1IfNot <== roomLess1 + freed
        roomCommitted <== committing
        committedLately <== committing
        amountsLately <== amounts
        let lately = Packed<RxCommitAmounts>(amountsLately)
        unreadLess1 <== unreadLess1 + mux(committedLately, mux(fetch, lately.beatsLess1, lately.beats), mux(fetch, minusOne, zero))
        // One compare against each candidate, then the choice: no adder or
        // compare waits for the mux.
        // (As the sign of a subtraction: a carry chain whose last bit is the answer.)
        let bits = RxCommitAmounts.countBits + 1
        let wide = need.bits.zext(to: bits)
        let fitsIfCommitted = !(roomIfCommitted.bits.zext(to: bits) - wide).msb
        let fitsIfNot = !(roomIfNot.bits.zext(to: bits) - wide).msb
        fits <== mux(roomCommitted, fitsIfCommitted, fitsIfNot)
        freeNonZero <== !mux(roomCommitted, roomLess1IfCommitted.msb, roomLess1IfNot.msb)
    }

    /// Committed beats stream out in order, one RAM read per beat.
    @LogicBuilder private func readLogic(fetch: Bits) -> Logic {
        for (bank, ram) in banks.enumerated() {
            ram.readEnable <== fetch && readAt[0] == bank
            ram.readAddress <== row(readAt.bits)
        }
        When(fetch) { readAt <== readAt + 1 }
        readBank[0] <== readAt[0]
        for stage in 1..<readBank.count { readBank[stage] <== readBank[stage - 1] }
        readAhead.fetch <== fetch
        readAhead.readData <== mux(readBank[readBank.count - 1], banks[1].readData, banks[0].readData)
        readAhead.out.ready <== pay.tready
        pay.tvalid <== readAhead.out.valid
        pay.tdata <== readAhead.out.data.bits(dataWidth - 1, 0)
        pay.tkeep <== readAhead.out.data.bits(dataWidth + dataWidth / 8 - 1, dataWidth)
        pay.tlast <== readAhead.out.data.msb
    }

    /// The row of place `place` within its bank.
    private func row(_ place: Bits) -> Bits { place.bits(place.width - 1, 1) }
}

/// What a commit of `beats` payload beats adds to the buffer's counters, for
/// each case of a read in the same cycle, worked out a stage before so the
/// counters need one adder: 17-bit two's complement.
public struct RxCommitAmounts: PackedStruct {
    public var beats = Field(RxCommitAmounts.countBits)
    public var beatsLess1 = Field(RxCommitAmounts.countBits)
    public var negativeBeats = Field(RxCommitAmounts.countBits)
    public var oneLessBeats = Field(RxCommitAmounts.countBits)

    public init() {}

    public static let countBits = 17

    /// The amounts for `beats` (16 bits).
    public static func of(beats: Bits) -> Packed<RxCommitAmounts> {
        let wide = beats.zext(to: countBits)
        return Packed.pack {
            $0.beats = wide
            $0.beatsLess1 = wide - 1
            $0.negativeBeats = lit(0, countBits) - wide
            $0.oneLessBeats = lit(1, countBits) - wide
        }
    }
}
