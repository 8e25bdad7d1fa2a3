/// A ready/valid FIFO of `depth` words (a power of two) in a `BlockRam`, with
/// full throughput: one word in and one word out every cycle.
///
/// The RAM answers two cycles after the address, so words leave through a
/// `PrefetchQueue` of three registers that reads ahead: `out_valid` and
/// `out_data` come from flops, and a word pushed into an empty FIFO at cycle
/// t can be popped at cycle t + `latency` (4). It holds up to `capacity` =
/// `depth` + 3 words. `in_ready` is a flop (the RAM not full), so nothing
/// downstream reaches it within a cycle.
public final class SyncFifo: Module {
    public let `in`: ReadyValidIn
    public let out: ReadyValidOut
    /// Words held: accepted on `in` and not yet taken from `out`.
    public let level: Output

    let storage: BlockRam
    let writePointer: Reg
    let readPointer: Reg
    /// Words in the RAM not yet read, and two flags of it kept as flops.
    let stored: Reg
    let full = Reg(1, init: 0)
    let nonEmpty = Reg(1, init: 0)
    let readAhead: PrefetchQueue
    let width: Int
    let depth: Int

    /// Cycles from a push into an empty FIFO to the word on `out`.
    public static let latency = BlockRam.readLatency + 2

    public init(width: Int, depth: Int = 16, technology: RamTechnology = .inferred) {
        precondition(depth >= 2 && depth & (depth - 1) == 0, "depth must be a power of two")
        self.width = width
        self.depth = depth
        storage = BlockRam(width: width, depth: depth, technology: technology)
        let addressWidth = depth.trailingZeroBitCount
        writePointer = Reg(addressWidth, init: 0)
        readPointer = Reg(addressWidth, init: 0)
        stored = Reg(addressWidth + 1, init: 0)
        readAhead = PrefetchQueue(width: width)
        `in` = ReadyValidIn(width: width)
        out = ReadyValidOut(width: width)
        level = Output(Int.bitWidth - (depth + readAhead.capacity).leadingZeroBitCount)
    }

    public var moduleName: String { "sync_fifo_\(width)x\(depth)" + (storage.technology == .inferred ? "" : "_\(storage.technology)") }

    /// Words it holds at most: the RAM and the read-ahead registers.
    public var capacity: Int { depth + readAhead.capacity }

    public var body: Logic {
        let push = (`in`.valid && !full).named("push")
        // A word is read only once it is written (it is counted in `stored`
        // from the cycle after its write), so a read never meets the write
        // of the same word.
        let fetch = (nonEmpty && readAhead.canFetch).named("fetch")
        `in`.ready <== !full
        storage.writeEnable <== push
        storage.writeAddress <== writePointer
        storage.writeData <== `in`.data
        storage.readEnable <== fetch
        storage.readAddress <== readPointer
        When(push) { writePointer <== writePointer + 1 }
        When(fetch) { readPointer <== readPointer + 1 }
        stored <== stored.stepped(up: push, down: fetch)
        // The flags of `stored`'s next value, from compares of its current one.
        full <== mux(full, !fetch, stored == depth - 1 && push && !fetch)
        nonEmpty <== push || (nonEmpty && !(fetch && stored == 1))
        readAhead.fetch <== fetch
        readAhead.readData <== storage.readData
        connect(out, from: readAhead.out)
        level <== stored.zext(to: level.width) + readAhead.held.zext(to: level.width)
    }
}
