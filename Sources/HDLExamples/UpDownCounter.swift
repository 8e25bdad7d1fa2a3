import HDL

/// An up/down counter with enable: counts up when `up` is 1, down otherwise,
/// only in cycles where `enable` is 1; wraps at both ends.
public final class UpDownCounter: Module {
    public let enable = Input(1)
    public let up = Input(1)
    public let count: Output
    let value: Reg

    public init(width: Int = 8) {
        count = Output(width)
        value = Reg(width, init: 0)
    }

    public var body: Logic {
        When(enable) {
            When(up) {
                value <== value + 1
            }.otherwise {
                value <== value - 1
            }
        }
        count <== value
    }
}
