/// Counts the free places of a queue that sits some cycles downstream, so a
/// producer can reserve a place before it knows whether it will use it:
/// `take` reserves one (only while `available`), `giveA` and `giveB` each
/// return one (a place freed by the consumer, a reservation not used).
/// Starts with `credits`. `available` is a flop: the count after this
/// cycle's moves is not zero. Both "not zero" answers, with and without a
/// take, are worked out from the count and the gives, and `take`, which
/// comes late (it depends on `available` through the producer's choice),
/// only picks one: the producer's loop through this counter is one mux.
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
        let kept = (count + giveA.bits.zext(to: width) + giveB.bits.zext(to: width)).named("kept")
        let spent = (kept - 1).named("spent")
        count <== mux(take, spent, kept)
        nonZero <== mux(take, spent != 0, kept != 0)
        available <== nonZero
    }
}
