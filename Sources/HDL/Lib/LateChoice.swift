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
///
/// `choiceCopies` > 1 registers the choice that many times, each copy
/// selecting one slice of the bits (the odd copies complemented, so that
/// synthesis keeps them apart): for a wide value, no choice flop drives the
/// whole width. `was_picked` then has a flop of its own too, for the
/// consumer's own choices among the candidates.
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
    /// The choice, in `choiceCopies` copies (`loadCopies`), and with more
    /// than one, one more for `was_picked`.
    let pickedCopies: [Reg]

    public init(width: Int, initial: UInt64 = 0, choiceCopies: Int = 1) {
        precondition(choiceCopies >= 1 && choiceCopies <= width, "one to `width` copies of the choice")
        ifPicked = Input(width)
        ifNot = Input(width)
        value = Output(width)
        pickedValue = Output(width)
        otherValue = Output(width)
        whenPicked = Reg(width, init: initial)
        whenNot = Reg(width, init: initial)
        let flops = choiceCopies == 1 ? 1 : choiceCopies + 1
        pickedCopies = [Reg].copies(flops, width: 1, initial: 0)
    }

    public var moduleName: String {
        pickedCopies.count == 1 ? "late_choice_\(value.width)" : "late_choice_\(value.width)_x\(pickedCopies.count - 1)"
    }

    public var body: Logic {
        whenPicked <== ifPicked
        whenNot <== ifNot
        pickedCopies.loadCopies(pick)
        let choices = pickedCopies.copies
        let slices = choices.count == 1 ? 1 : choices.count - 1
        let bounds = sliceBounds(width: value.width, parts: slices)
        value <== cat((0..<slices).reversed().map { k in
            mux(choices[k], whenPicked.bits(bounds[k + 1] - 1, bounds[k]), whenNot.bits(bounds[k + 1] - 1, bounds[k]))
        })
        wasPicked <== choices[choices.count - 1]
        pickedValue <== whenPicked
        otherValue <== whenNot
    }
}
