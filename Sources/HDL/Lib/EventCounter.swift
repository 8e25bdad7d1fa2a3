/// A wrapping counter of events: `value` goes up by one in each cycle where
/// `count` is 1. Wide counters are two halves: the upper half steps when
/// the lower half steps from all ones, which a flop says (set when the lower
/// half steps to all ones), so no carry runs through all of `width` bits in
/// a cycle (on an iCE40 a 32-bit carry chain alone takes about 4 ns) and the
/// upper half's enable is one gate. The value is exact every cycle.
public final class EventCounter: Module {
    public let count = Input(1)
    public let value: Output

    let lower: Reg
    let upper: Reg?
    /// With an upper half: the lower half is all ones.
    let lowerFull: Reg?

    /// Counters up to this wide are one adder.
    public static let halfWidth = 16

    public init(width: Int) {
        precondition(width >= 1, "a counter has at least one bit")
        value = Output(width)
        let lowBits = min(width, Self.halfWidth)
        lower = Reg(lowBits, init: 0)
        upper = width > lowBits ? Reg(width - lowBits, init: 0) : nil
        lowerFull = width > lowBits ? Reg(1, init: 0) : nil
    }

    public var moduleName: String { "event_counter_\(value.width)" }

    public var body: Logic {
        When(count) { lower <== lower + 1 }
        if let upper, let lowerFull {
            let allOnes = (UInt64(1) << UInt64(lower.width)) - 1
            When(count) { lowerFull <== lower.bits == lit(allOnes - 1, lower.width) }
            When(count && lowerFull) { upper <== upper + 1 }
            value <== cat(upper, lower)
        } else {
            value <== lower
        }
    }
}
