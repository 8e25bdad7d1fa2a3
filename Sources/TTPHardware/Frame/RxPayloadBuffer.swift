import HDL

/// The RX payload store, in stage 3 of the parser: payload entries are
/// written at tentative places past the committed end while their frame
/// arrives; the frame's last beat either commits them (the committed end
/// moves past them) or rolls them back (the next frame writes over them).
/// Only committed entries are streamed out on `pay_*`, so a dropped frame
/// never shows.
///
/// One `BlockRam` of `depth` entries, one write a cycle (an entry may carry
/// the frame's tail after its beat; `PayloadEntryWrite`), with a registered
/// write port, so the RAM's pins come from flops. Everything a cycle decides
/// comes from registers: the write places are kept with their successor,
/// the places and the room left are kept as candidates (after a commit or
/// rollback, without one) chosen a cycle late (`LateChoice`), and the committed entries not yet read are a
/// counter of one adder, credited a cycle after the commit (when the last
/// write is in the RAM). Reads go through a `ReadAheadRing` and leave
/// through a `PingPongSlice`, so `pay_tvalid` stays high every cycle
/// while committed beats remain and `pay_tready` is high, and `pay_tready`
/// reaches nothing but the output registers within a cycle.
public final class RxPayloadBuffer: Module {
    /// The entry completed this cycle, written if `store`.
    public let entry: PayloadEntryWrite<Input>
    public let store = Input(1)
    /// The frame's last beat is in stage 3: its entries are kept if `commit`, else dropped.
    public let frameEnd = Input(1)
    public let commit = Input(1)
    /// `RxCommitAmounts` of the frame's entries.
    public let amounts = Input(RxCommitAmounts.width)
    /// `need` entries can be written past the committed end without
    /// overwriting unread ones (`fits`), and at least one can (`free_non_zero`,
    /// one gate from flops, for a decision that cannot wait for a compare).
    public let need = Input(16)
    public let fits = Output(1)
    public let freeNonZero = Output(1)
    public let pay: AxiStreamOut

    let ram: BlockRam
    /// The next write place and the one after it, chosen a cycle late between
    /// the committed end (a rollback) and the advanced places; the committed
    /// end and the one after it, chosen a cycle late between the advanced
    /// places (a commit) and themselves. A commit is decided deep in its
    /// cycle: this way it drives two flops, not the places' muxes.
    let writePlaces: [LateChoice]
    let committedPlaces: [LateChoice]
    let readAt: Reg
    /// The room, and the room less one (negative, top bit set, when there is
    /// none), each kept as two candidates, the value after a commit and the
    /// value without one, with the choice made a cycle late (`LateChoice`):
    /// a commit, decided deep in a cycle, picks a register instead of driving
    /// an adder, so every counter update is a mux and an adder from flops.
    let room: LateChoice
    let roomLess1: LateChoice
    /// The fetch of the previous cycle.
    let fetchedLately = Reg(1, init: 0)
    /// Committed entries not yet read, minus one: negative (top bit set) when none.
    let unreadLess1: Reg
    /// What the unread count gains next cycle besides a fetch's -1: a
    /// commit's entries - 1, else -1 (the fetch-less cycles add the 1 back as
    /// the adder's carry in). A cycle late on purpose: the last entry is in
    /// the RAM a cycle after its write (the write port is registered).
    let unreadStep: Reg
    let readAhead: ReadAheadRing
    /// The tail of the entry taken last, waiting to go out after its span's
    /// beat: the entry leaves the read-ahead at once, so taking the next one
    /// depends on flops only.
    let tailPending = Reg(1, init: 0)
    let pendingTailKeep: Reg
    let pendingTailData: Reg
    /// `pay_*`: a slice, so `pay_tready` reaches only it, not the
    /// read-ahead's selects, and nothing wide within a cycle.
    let outputSlice: PingPongSlice
    let depth: Int
    let geometry: BusGeometry

    public init(_ geometry: BusGeometry, depth: Int, technology: RamTechnology = .inferred) {
        precondition(depth >= 8 && depth & (depth - 1) == 0, "depth must be a power of two, at least 8")
        precondition(depth <= 1 << 15, "the room fits the 17-bit counters with a sign")
        self.depth = depth
        self.geometry = geometry
        let entryWidth = PayloadEntryWrite<Input>.width(geometry)
        ram = BlockRam(width: entryWidth, depth: depth, technology: technology, registeredWrite: true)
        let placeBits = depth.trailingZeroBitCount
        writePlaces = (0..<2).map { LateChoice(width: placeBits, initial: UInt64($0)) }
        committedPlaces = (0..<2).map { LateChoice(width: placeBits, initial: UInt64($0)) }
        readAt = Reg(placeBits, init: 0)
        let countBits = RxCommitAmounts.countBits
        room = LateChoice(width: countBits, initial: UInt64(depth))
        roomLess1 = LateChoice(width: countBits, initial: UInt64(depth - 1))
        unreadLess1 = Reg(countBits, init: (1 << UInt64(countBits)) - 1)
        unreadStep = Reg(countBits, init: (1 << UInt64(countBits)) - 1)
        readAhead = ReadAheadRing(width: entryWidth)
        entry = PayloadEntryWrite(geometry)
        let bytes = geometry.bytesPerBeat
        outputSlice = PingPongSlice(width: 8 * bytes + bytes + 1)
        pendingTailKeep = Reg(geometry.payloadBytesPerJoin)
        pendingTailData = Reg(8 * geometry.payloadBytesPerJoin)
        pay = AxiStreamOut(dataWidth: 8 * geometry.bytesPerBeat)
    }

    public var moduleName: String { "ttp_rx_payload_buffer_w\(8 * geometry.bytesPerBeat)_d\(depth)" }

    /// Cycles from a commit's clock edge to its first beat on `pay_*` when the
    /// buffer was empty: the unread credit (1), the fetch (1), the RAM (2),
    /// the read-ahead register (1), the output slice (1).
    public static let readLatency = 6

    /// Entries fetched from the RAM but not yet taken on `pay_*`, at most:
    /// the read-ahead's and the output slice's two.
    public var readAheadEntries: Int { readAhead.capacity + 2 }

    public var body: Logic {
        // `store` only gates the write: places and data come from the entry
        // offered, so the room decision is one gate from the RAM.
        ram.writeEnable <== entry.valid && store
        ram.writeAddress <== writePlaces[0].value
        ram.writeData <== entry.word
        placeLogic
        let fetch = (!unreadLess1.msb && readAhead.canFetch).named("fetch")
        roomLogic(fetch: fetch)
        unreadLogic(fetch: fetch)
        readLogic(fetch: fetch)
        outputLogic
    }

    /// Places move on by the entry offered (stored or not: a payload without
    /// room never commits, so its frame's end moves the place back anyway);
    /// a frame's end commits them or moves the write place back.
    @LogicBuilder private var placeLogic: Logic {
        let places = writePlaces.map(\.value.bits)
        // The place after the next, from each candidate before the choice,
        // so the incrementer starts at flops.
        let next = writePlaces[1]
        let after = mux(next.wasPicked, next.pickedValue + 1, next.otherValue + 1).named("write_place_2")
        let advanced = [mux(entry.valid, places[1], places[0]), mux(entry.valid, after, places[1])]
        for k in 0..<2 {
            writePlaces[k].pick <== frameEnd && !commit
            writePlaces[k].ifPicked <== committedPlaces[k].value
            writePlaces[k].ifNot <== advanced[k]
            committedPlaces[k].pick <== frameEnd && commit
            committedPlaces[k].ifPicked <== advanced[k]
            committedPlaces[k].ifNot <== committedPlaces[k].value
        }
    }

    /// A commit takes the frame's entries from the room, a fetch gives one
    /// back (the adders' carry in).
    /// A fetch's entry comes back to the room a cycle late (from a flop, so
    /// the fetch decision does not fan out into these adders): the room a
    /// payload sees may be one short for a cycle.
    @LogicBuilder private func roomLogic(fetch: Bits) -> Logic {
        let amount = Packed<RxCommitAmounts>(amounts)
        fetchedLately <== fetch
        let freed = fetchedLately.bits.zext(to: RxCommitAmounts.countBits)
        let committing = (frameEnd && commit).named("committing")
        for counter in [room, roomLess1] {
            counter.pick <== committing
            counter.ifPicked <== counter.value + amount.negativeEntries + freed
            counter.ifNot <== counter.value + freed
        }

        // One compare against each candidate, then the choice; each is the
        // sign of a subtraction, a carry chain whose last bit is the answer.
        let bits = RxCommitAmounts.countBits + 1
        let wide = need.bits.zext(to: bits)
        let fitsIfCommitted = !(room.pickedValue.bits.zext(to: bits) - wide).msb
        let fitsIfNot = !(room.otherValue.bits.zext(to: bits) - wide).msb
        fits <== mux(room.wasPicked, fitsIfCommitted, fitsIfNot)
        freeNonZero <== !roomLess1.value.msb
    }

    /// A commit's entries count as unread a cycle later; a fetch takes one.
    @LogicBuilder private func unreadLogic(fetch: Bits) -> Logic {
        let minusOne = lit(1, 1).replicated(RxCommitAmounts.countBits)
        unreadStep <== mux(frameEnd && commit, Packed<RxCommitAmounts>(amounts).entriesLess1, minusOne)
        unreadLess1 <== unreadLess1 + unreadStep + (!fetch).zext(to: RxCommitAmounts.countBits)
    }

    /// Committed entries leave in order, one RAM read each. The RAM reads
    /// `read_at` every cycle: a fetch's word lands two cycles later whatever
    /// else is read, so no enable fans out from the fetch decision to every
    /// RAM cell (33 at 512 bits).
    @LogicBuilder private func readLogic(fetch: Bits) -> Logic {
        ram.readEnable <== 1
        ram.readAddress <== readAt
        When(fetch) { readAt <== readAt + 1 }
        readAhead.fetch <== fetch
        readAhead.put <== 0
        readAhead.putData <== 0
        readAhead.readData <== ram.readData
    }

    /// The head entry's beat, then its tail if it has one, into the output slice.
    @LogicBuilder private var outputLogic: Logic {
        let width = 8 * geometry.bytesPerBeat, bytes = geometry.bytesPerBeat
        let tailBytes = geometry.payloadBytesPerJoin
        let head = readAhead.out.data
        let fields = head.split(fromTop: [1, tailBytes, 8 * tailBytes, 1, bytes, width])
        let (hasTail, tailKeep, tailData) = (fields[0], fields[1], fields[2])
        let (last, keep, data) = (fields[3], fields[4], fields[5])
        let ready = outputSlice.in.ready.bits
        let take = (readAhead.out.valid && ready && !tailPending).named("take")
        outputSlice.in.valid <== readAhead.out.valid || tailPending
        outputSlice.in.data <== cat(tailPending || last, mux(tailPending, pendingTailKeep.zext(to: bytes), keep),
                                    mux(tailPending, pendingTailData.zext(to: width), data))
        readAhead.out.ready <== ready && !tailPending
        When(take) {
            tailPending <== hasTail
            pendingTailKeep <== tailKeep
            pendingTailData <== tailData
        }.elseWhen(ready) {
            tailPending <== 0
        }
        outputSlice.out.ready <== pay.tready
        pay.tvalid <== outputSlice.out.valid
        pay.tdata <== outputSlice.out.data.bits(width - 1, 0)
        pay.tkeep <== outputSlice.out.data.bits(width + bytes - 1, width)
        pay.tlast <== outputSlice.out.data.msb
    }
}

/// What a commit of a frame's payload entries adds to the buffer's
/// counters, worked out a stage before so each counter needs one adder:
/// 17-bit two's complement.
public struct RxCommitAmounts: PackedStruct {
    public var entriesLess1 = Field(RxCommitAmounts.countBits)
    public var negativeEntries = Field(RxCommitAmounts.countBits)

    public init() {}

    public static let countBits = 17

    /// The amounts for `entries` (16 bits).
    public static func of(entries: Bits) -> Packed<RxCommitAmounts> {
        let wide = entries.zext(to: countBits)
        return Packed.pack {
            $0.entriesLess1 = wide - 1
            $0.negativeEntries = lit(0, countBits) - wide
        }
    }
}
