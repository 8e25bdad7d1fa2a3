/// A register loading one of two values, with the choice taken a cycle
/// late: both candidates are registered, and a flop of the choice picks one
/// at the output. A choice decided deep in a cycle then drives one flop
/// instead of a mux in front of `width` flops; the mux moves behind the
/// registers, where it starts from flops (retiming by hand).
///
/// `value` is `if_picked` when `pick` was 1 in the previous cycle, else
/// `if_not` of that cycle; `initial` after reset. The registered candidates
/// and choice are outputs too, for a consumer that can work on each
/// candidate and choose after (a compare against both, say).
public final class LateChoice: Module {
    public let pick = Input(1)
    public let ifPicked: Input
    public let ifNot: Input
    public let value: Output
    public let wasPicked = Output(1)
    public let pickedValue: Output
    public let otherValue: Output

    let whenPicked: Reg
    let whenNot: Reg
    let picked = Reg(1, init: 0)

    public init(width: Int, initial: UInt64 = 0) {
        ifPicked = Input(width)
        ifNot = Input(width)
        value = Output(width)
        pickedValue = Output(width)
        otherValue = Output(width)
        whenPicked = Reg(width, init: initial)
        whenNot = Reg(width, init: initial)
    }

    public var moduleName: String { "late_choice_\(value.width)" }

    public var body: Logic {
        whenPicked <== ifPicked
        whenNot <== ifNot
        picked <== pick
        value <== mux(picked, whenPicked, whenNot)
        wasPicked <== picked
        pickedValue <== whenPicked
        otherValue <== whenNot
    }
}
