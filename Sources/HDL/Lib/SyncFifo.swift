/// A ready/valid FIFO of `depth` words (a power of two) in a `BlockRam`, with
/// full throughput: one word in and one word out every cycle.
///
/// The RAM answers two cycles after the address, so words leave through a
/// `ReadAheadRing` of four registers that reads ahead: `out_valid` comes
/// from a flop and `out_data` from a one-hot mux of flops (no register load
/// waits on `out_ready`, which matters for wide words), and a word pushed into an empty FIFO at
/// cycle t can be popped at cycle t + `latency` (5). `in_ready` is a flop and
/// `out_ready` reaches only the read-ahead registers and counters, so no
/// handshake crosses the FIFO within a cycle.
///
/// With `bypass`, a word pushed while the RAM holds none and no read is in
/// flight goes straight into the read-ahead registers: it can be popped the
/// cycle after its push (`pushToPop` 1 instead of 5), at the price of a mux
/// in front of those registers whose select is the push (`in_valid` should
/// come from a flop). Words keep their order: the bypass is taken only
/// when every older word is already in the registers.
///
/// With `registeredRead`, the RAM's word passes a register on its way to
/// the read-ahead (one cycle more from push to pop, one word more held):
/// for a RAM that lands far from its reader, as a block RAM column may.
///
/// It holds `capacity` = `depth` + 3 words (+ 4 with `registeredRead`):
/// `in_ready` falls when that many are held, counted from the handshakes
/// alone. (The read-ahead holds up to four, one more with
/// `registeredRead`, but only while fewer than `depth` wait in the RAM: with its reads
/// decoupled from `out_ready`, a word leaving frees its register a cycle
/// before the next read, so counting four would let the RAM overfill.)
public final class SyncFifo: Module {
    public let `in`: ReadyValidIn
    public let out: ReadyValidOut
    /// Words held: accepted on `in` and not yet taken from `out`.
    public let level: Output

    let storage: BlockRam
    let writePointer: Reg
    let readPointer: Reg
    /// Words held (the handshakes' count) and the flag that it is `capacity`.
    let held: Reg
    let full = Reg(1, init: 0)
    /// Words in the RAM not yet read, and the flag that there are some.
    let stored: Reg
    let nonEmpty = Reg(1, init: 0)
    /// A push of the previous cycle: its word reaches the RAM this cycle.
    let pushedLately = Reg(1, init: 0)
    /// Nothing in the RAM and nothing on its way into it (the bypass's part
    /// of the condition, a flop).
    let ramClear: Reg?
    let readAhead: ReadAheadRing
    let width: Int
    let depth: Int
    public let bypass: Bool
    /// `registeredRead`: the RAM's word passes a register before the read-ahead.
    let ramData: Reg?

    /// Cycles from a push into an empty FIFO to the word on `out` without
    /// the bypass: the registered write, the fetch, the RAM, the read-ahead
    /// register.
    public static let latency = BlockRam.readLatency + 3

    /// Cycles from a push into an empty FIFO to the word on `out`.
    public var pushToPop: Int { bypass ? 1 : pushToPopThroughRam }
    /// Cycles from a push into an empty FIFO to the word on `out` without
    /// the bypass: `latency`, one more with `registeredRead`.
    public var pushToPopThroughRam: Int { Self.latency + (ramData == nil ? 0 : 1) }

    public init(width: Int, depth: Int = 16, technology: RamTechnology = .inferred, bypass: Bool = false,
                registeredRead: Bool = false) {
        precondition(depth >= 2 && depth & (depth - 1) == 0, "depth must be a power of two")
        self.width = width
        self.depth = depth
        self.bypass = bypass
        ramClear = bypass ? Reg(1, init: 1) : nil
        storage = BlockRam(width: width, depth: depth, technology: technology, registeredWrite: true)
        let addressWidth = depth.trailingZeroBitCount
        writePointer = Reg(addressWidth, init: 0)
        readPointer = Reg(addressWidth, init: 0)
        stored = Reg(addressWidth + 1, init: 0)
        ramData = registeredRead ? Reg(width) : nil
        readAhead = ReadAheadRing(width: width, latency: BlockRam.readLatency + (registeredRead ? 1 : 0))
        let capacity = depth + readAhead.capacity - 1
        held = Reg(Int.bitWidth - capacity.leadingZeroBitCount, init: 0)
        `in` = ReadyValidIn(width: width)
        out = ReadyValidOut(width: width)
        level = Output(held.width)
    }

    public var moduleName: String {
        "sync_fifo_\(width)x\(depth)" + (storage.technology == .inferred ? "" : "_\(storage.technology)") + (bypass ? "_bypass" : "") + (ramData == nil ? "" : "_rr")
    }

    /// Words it holds at most (see above).
    public var capacity: Int { depth + readAhead.capacity - 1 }

    public var body: Logic {
        let push = (`in`.valid && !full).named("push")
        let pop = (readAhead.out.valid && out.ready).named("pop")
        // The RAM's write port is registered (its pins come from flops): a
        // word is in the RAM a cycle after its push, and counts in `stored`
        // from then, so a read never meets the write of the same word.
        let fetch = (nonEmpty && readAhead.canFetch).named("fetch")
        // The bypass: nothing in the RAM, nothing on its way out of it.
        // Both parts of its condition are flops, so a push decides it in one gate.
        let direct = ramClear.map { ($0 && readAhead.canPut).named("direct") } ?? lit(0, 1)
        let stores = (push && !direct).named("stores")
        `in`.ready <== !full
        storage.writeEnable <== stores
        storage.writeAddress <== writePointer
        storage.writeData <== `in`.data
        // The RAM reads the read pointer every cycle (a fetch's word lands two
        // cycles later all the same), so the fetch decision drives no RAM pin.
        storage.readEnable <== 1
        storage.readAddress <== readPointer
        When(stores) { writePointer <== writePointer + 1 }
        When(fetch) { readPointer <== readPointer + 1 }
        // The counts move by one adder each; their flags are those of the
        // next values, from compares of the current ones.
        held <== held.stepped(up: push, down: pop)
        full <== mux(full, !pop, held == capacity - 1 && push && !pop)
        pushedLately <== stores
        stored <== stored.stepped(up: pushedLately, down: fetch)
        nonEmpty <== pushedLately || (nonEmpty && !(fetch && stored == 1))
        // `!nonEmpty && !pushedLately` of the next cycle. (A fetch that
        // empties the RAM leaves a read in flight, which closes `can_put`.)
        if let ramClear {
            ramClear <== !stores && !pushedLately && (!nonEmpty || (fetch && stored == 1))
        }
        readAhead.fetch <== fetch
        if let ramData {
            ramData <== storage.readData
            readAhead.readData <== ramData
        } else {
            readAhead.readData <== storage.readData
        }
        readAhead.put <== push && direct
        readAhead.putData <== `in`.data
        connect(out, from: readAhead.out)
        level <== held
    }
}
