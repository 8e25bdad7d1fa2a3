import HDL

/// One 32-bit wrapping counter per reason a frame is dropped: the seven
/// `TTPDropReason`s in their order, then header-record overflow. `count`
/// has one bit per counter; the parser sets at most one per frame.
public final class DropCounters: Module {
    public let count = Input(8)
    public let dropBadFcs = Output(32)
    public let dropWrongEthertype = Output(32)
    public let dropWrongDestination = Output(32)
    public let dropTooShort = Output(32)
    public let dropBadHeaderLength = Output(32)
    public let dropBadLength = Output(32)
    public let dropBadOpcode = Output(32)
    /// Frames that passed every rule but found the header-record FIFO full.
    public let dropOverflow = Output(32)

    let counters: [Reg] = (0..<8).map { _ in Reg(32, init: 0) }

    public init() {}

    public var moduleName: String { "ttp_rx_drop_counters" }

    public var body: Logic {
        let outputs = [dropBadFcs, dropWrongEthertype, dropWrongDestination, dropTooShort,
                       dropBadHeaderLength, dropBadLength, dropBadOpcode, dropOverflow]
        for (i, counter) in counters.enumerated() {
            When(count[i]) { counter <== counter + 1 }
            outputs[i] <== counter
        }
    }
}
