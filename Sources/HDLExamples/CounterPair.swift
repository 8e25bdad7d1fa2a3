import HDL

/// A hierarchy example: two `UpDownCounter` instances, one counting up and one
/// counting down on the same enable, with their sum (one bit wider) and a flag
/// when they are equal. Both children have the same parameters, so they share
/// one Verilog module.
public final class CounterPair: Module {
    public let enable = Input(1)
    public let sum: Output
    public let equal = Output(1)
    let rising: UpDownCounter
    let falling: UpDownCounter

    public init(width: Int = 8) {
        rising = UpDownCounter(width: width)
        falling = UpDownCounter(width: width)
        sum = Output(width + 1)
    }

    public var body: Logic {
        rising.enable <== enable
        rising.up <== 1
        falling.enable <== enable
        falling.up <== 0
        sum <== rising.count +& falling.count
        equal <== rising.count == falling.count
    }
}
