/// Counts the free places of a queue that sits some cycles downstream, so a
/// producer can reserve a place before it knows whether it will use it:
/// `take` reserves one (only while `available`), `giveA` and `giveB` each
/// return one (a place freed by the consumer, a reservation not used).
/// Starts with `credits`. `available` is a flop: the count after this
/// cycle's moves is not zero, so a reservation never waits on an adder.
public final class CreditCounter: Module {
    public let take = Input(1)
    public let giveA = Input(1)
    public let giveB = Input(1)
    public let available = Output(1)

    let count: Reg
    let nonZero = Reg(1, init: 1)
    public let credits: Int

    public init(credits: Int) {
        precondition(credits >= 1, "a credit counter starts with at least one credit")
        self.credits = credits
        count = Reg(Int.bitWidth - credits.leadingZeroBitCount, init: UInt64(credits))
    }

    public var moduleName: String { "credit_counter_\(credits)" }

    public var body: Logic {
        let width = count.width
        let given = (giveA.bits.zext(to: width) + giveB.bits.zext(to: width)).named("given")
        let next = (count + given - take.bits.zext(to: width)).named("next_count")
        count <== next
        nonZero <== next != 0
        available <== nonZero
    }
}
