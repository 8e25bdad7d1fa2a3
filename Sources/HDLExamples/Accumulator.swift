import HDL

/// Adds `value` to a 12-bit running sum in every cycle `enable` is 1;
/// `clear` empties it. `overflowed` stays 1 once the sum has wrapped.
/// (The README's example.)
public final class Accumulator: Module {
    public let enable = Input(1)
    public let clear = Input(1)
    public let value = Input(8)
    public let sum = Output(12)
    public let overflowed = Output(1)
    let total = Reg(12, init: 0)
    let wrapped = Reg(1, init: 0)

    public init() {}

    public var body: Logic {
        let next = (total +& value.zext(to: 12)).named("next")   // 13 bits: the carry on top
        When(clear) {
            total <== 0
            wrapped <== 0
        }.elseWhen(enable) {
            total <== next.truncated(to: 12)
            wrapped <== wrapped || next.msb
        }
        sum <== total
        overflowed <== wrapped
    }
}
