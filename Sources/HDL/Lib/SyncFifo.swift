/// A ready/valid FIFO of `depth` words (a power of two) in a synchronous-read
/// `Memory`, with full throughput: one word in and one word out every cycle.
///
/// The memory answers one cycle after the address, so the words leave
/// through a `PrefetchQueue` (two registers) that reads ahead: `out_valid`
/// and `out_data` come from flops, and a word pushed at cycle t can be popped
/// at cycle t + 3. It holds up to `depth + 2` words.
public final class SyncFifo: Module {
    public let `in`: ReadyValidIn
    public let out: ReadyValidOut
    /// Words held: accepted on `in` and not yet taken from `out`.
    public let level: Output

    let storage: Memory
    /// One bit wider than the address, so full (difference = depth) and empty differ.
    let writePointer: Reg
    let readPointer: Reg
    let readAhead: PrefetchQueue
    let width: Int
    let depth: Int

    public init(width: Int, depth: Int = 16) {
        precondition(depth >= 2 && depth & (depth - 1) == 0, "depth must be a power of two")
        self.width = width
        self.depth = depth
        storage = Memory(width: width, depth: depth)
        writePointer = Reg(storage.addressWidth + 1, init: 0)
        readPointer = Reg(storage.addressWidth + 1, init: 0)
        readAhead = PrefetchQueue(width: width)
        `in` = ReadyValidIn(width: width)
        out = ReadyValidOut(width: width)
        level = Output(storage.addressWidth + 2)
    }

    public var moduleName: String { "sync_fifo_\(width)x\(depth)" }

    public var body: Logic {
        let addressWidth = storage.addressWidth
        let push = (`in`.valid && `in`.ready).named("push")
        `in`.ready <== (writePointer - readPointer) != depth
        When(push) {
            storage.write(writePointer.bits.truncated(to: addressWidth), `in`.data)
            writePointer <== writePointer + 1
        }
        // A word is read only once it is written (pointers differ), so a read
        // never meets the write of the same word.
        let fetch = (writePointer != readPointer && readAhead.canFetch).named("fetch")
        readAhead.fetch <== fetch
        readAhead.readData <== storage.read(readPointer.bits.truncated(to: addressWidth), enable: fetch)
        When(fetch) { readPointer <== readPointer + 1 }
        connect(out, from: readAhead.out)
        level <== (writePointer - readPointer).zext(to: level.width) + readAhead.held.zext(to: level.width)
    }
}

/// The output stage of a memory with a one-cycle read: a two-register queue
/// that takes each word the cycle after its read was issued (`fetch`), and
/// tells the reader when it may issue another (`can_fetch`).
///
/// Two registers, not one, so reads can be issued every cycle while
/// `out_ready` is high: a read issued in the cycle a word leaves lands when
/// the register it would have freed may still be full. `can_fetch` looks at
/// `out_ready` (a pop this cycle frees a place), which keeps the stream
/// gapless; `out_valid` and `out_data` come straight from registers.
public final class PrefetchQueue: Module {
    /// A read is issued this cycle; its word is on `read_data` next cycle.
    public let fetch = Input(1)
    public let readData: Input
    /// A read issued now will find a free register when it lands.
    public let canFetch = Output(1)
    public let out: ReadyValidOut
    /// Words held or in flight: 0, 1 or 2.
    public let held = Output(2)

    let inFlight = Reg(1, init: 0)
    /// Words held: 0, 1 or 2.
    let count = Reg(2, init: 0)
    /// The word on the output; `second` is the one behind it.
    let head: Reg
    let second: Reg
    let width: Int

    public init(width: Int) {
        self.width = width
        readData = Input(width)
        out = ReadyValidOut(width: width)
        head = Reg(width)
        second = Reg(width)
    }

    public var moduleName: String { "prefetch_queue_\(width)" }

    public var body: Logic {
        let pop = (out.valid && out.ready).named("pop")
        let land = inFlight.bits
        // Held plus in flight never exceeds two.
        canFetch <== held < 2 || pop
        inFlight <== fetch
        When(land && !pop) {
            count <== count + 1
        }.elseWhen(pop && !land) {
            count <== count - 1
        }
        When(pop) {
            head <== mux(count == 2, second, readData)
        }.elseWhen(land && count == 0) {
            head <== readData
        }
        When(land && ((count == 1 && !pop) || (count == 2 && pop))) {
            second <== readData
        }
        out.valid <== count != 0
        out.data <== head
        held <== count + inFlight.bits.zext(to: 2)
    }
}
