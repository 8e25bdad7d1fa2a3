/// A wrapping counter of events: `value` goes up by one in each cycle where
/// `count` is 1. Wide counters are two halves: the upper half steps when
/// the lower half steps from all ones, a flag of the lower half's own bits,
/// so no carry runs through all of `width` bits in a cycle (on an iCE40 a
/// 32-bit carry chain alone takes about 4 ns). The value is exact every cycle.
public final class EventCounter: Module {
    public let count = Input(1)
    public let value: Output

    let lower: Reg
    let upper: Reg?

    /// Counters up to this wide are one adder.
    public static let halfWidth = 16

    public init(width: Int) {
        precondition(width >= 1, "a counter has at least one bit")
        value = Output(width)
        let lowBits = min(width, Self.halfWidth)
        lower = Reg(lowBits, init: 0)
        upper = width > lowBits ? Reg(width - lowBits, init: 0) : nil
    }

    public var moduleName: String { "event_counter_\(value.width)" }

    public var body: Logic {
        When(count) { lower <== lower + 1 }
        if let upper {
            When(count && lower.bits.andReduce()) { upper <== upper + 1 }
            value <== cat(upper, lower)
        } else {
            value <== lower
        }
    }
}
