import HDL

/// A synchronous-read memory with one write and one read port, wrapped as a
/// module: `rd_data` holds the word at `rd_addr` one cycle after `rd_en`.
public final class SyncMemory: Module {
    public let wrEn = Input(1)
    public let wrAddr: Input
    public let wrData: Input
    public let rdEn = Input(1)
    public let rdAddr: Input
    public let rdData: Output
    let storage: Memory

    public init(width: Int = 16, depth: Int = 64, initial: [UInt64]? = nil) {
        storage = Memory(width: width, depth: depth, initial: initial)
        wrAddr = Input(storage.addressWidth)
        rdAddr = Input(storage.addressWidth)
        wrData = Input(width)
        rdData = Output(width)
    }

    public var moduleName: String { "sync_memory_\(storage.node.width)x\(storage.node.depth)" }

    public var body: Logic {
        When(wrEn) {
            storage.write(wrAddr, wrData)
        }
        rdData <== storage.read(rdAddr, enable: rdEn)
    }
}
