import HDL

/// One 32-bit wrapping counter per reason a frame is dropped: the seven
/// `TTPDropReason`s in their order, then header-record overflow. `count`
/// has one bit per counter; the parser sets at most one per frame.
public final class DropCounters: Module {
    public let count = Input(8)
    public let drop = DropCounts()

    let counters = (0..<8).map { _ in EventCounter(width: 32) }

    public init() {}

    public var moduleName: String { "ttp_rx_drop_counters" }

    public var body: Logic {
        for (i, counter) in counters.enumerated() {
            counter.count <== count[i]
            drop.all[i] <== counter.value
        }
    }
}

/// The drop counters as ports (`drop_bad_fcs`, ... when stored as `drop`),
/// in `TTPDropReason` order, then `overflow`.
public struct DropCounts: Bundle {
    public let badFcs = Output(32)
    public let wrongEthertype = Output(32)
    public let wrongDestination = Output(32)
    public let tooShort = Output(32)
    public let badHeaderLength = Output(32)
    public let badLength = Output(32)
    public let badOpcode = Output(32)
    /// Frames that passed every rule but found the header-record FIFO full.
    public let overflow = Output(32)

    public init() {}

    public var all: [Output] {
        [badFcs, wrongEthertype, wrongDestination, tooShort, badHeaderLength, badLength, badOpcode, overflow]
    }
}
