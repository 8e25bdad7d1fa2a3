import HDL

/// A ready/valid FIFO of `depth` entries (a power of two) in a synchronous
/// memory. The output side is a one-entry register fed by the memory's
/// registered read port, so `out_valid`/`out_data` come from flops.
public final class StreamFifo: Module {
    public let inValid = Input(1)
    public let inReady = Output(1)
    public let inData: Input
    public let outValid = Output(1)
    public let outReady = Input(1)
    public let outData: Output
    /// Entries held, including the output register.
    public let level: Output

    let storage: Memory
    let writePointer: Reg
    let readPointer: Reg
    let stored: Reg
    let outFull = Reg(1, init: 0)
    let fetching = Reg(1, init: 0)
    let outReg: Reg
    let depth: Int

    public init(width: Int = 8, depth: Int = 16) {
        precondition(depth >= 2 && depth & (depth - 1) == 0, "depth must be a power of two")
        self.depth = depth
        storage = Memory(width: width, depth: depth)
        let pw = storage.addressWidth
        inData = Input(width)
        outData = Output(width)
        writePointer = Reg(pw, init: 0)
        readPointer = Reg(pw, init: 0)
        stored = Reg(pw + 1, init: 0)
        outReg = Reg(width)
        level = Output(pw + 2)
    }

    public var moduleName: String { "stream_fifo_\(outData.width)x\(depth)" }

    public var body: Logic {
        let push = (inValid && inReady).named("push")
        let pop = (outValid && outReady).named("pop")
        // Fetch the next word when the output register is (or is becoming) free.
        let fetch = (stored != 0 && (!outFull || pop) && !fetching).named("fetch")
        let landed = fetching.bits

        inReady <== stored != depth
        When(push) {
            storage.write(writePointer, inData)
            writePointer <== writePointer + 1
        }
        let data = storage.read(readPointer, enable: fetch)
        When(fetch) { readPointer <== readPointer + 1 }
        fetching <== fetch
        When(push && !fetch) {
            stored <== stored + 1
        }.elseWhen(fetch && !push) {
            stored <== stored - 1
        }
        When(landed) {
            outFull <== 1
            outReg <== data
        }.elseWhen(pop) {
            outFull <== 0
        }
        outValid <== outFull
        outData <== outReg
        level <== stored.zext(to: level.width) + outFull.zext(to: level.width) + fetching.zext(to: level.width)
    }
}
