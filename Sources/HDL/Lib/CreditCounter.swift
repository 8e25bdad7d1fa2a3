/// Counts the free places of a queue that sits some cycles downstream, so a
/// producer can reserve a place before it knows whether it will use it:
/// `take` reserves one (only while `available`), `giveA` and `giveB` each
/// return one (a place freed by the consumer, a reservation not used).
/// Starts with `credits`. `available` is a flop: the count after this
/// cycle's moves is not zero. Returns are counted a cycle late, from flops
/// (a credit comes back one cycle later than it could, which is safe), so
/// both "not zero" answers, with and without a take, are worked out from
/// flops alone, and `take`, which comes late (it depends on `available`
/// through the producer's choice), only picks one: the producer's loop
/// through this counter is one mux.
public final class CreditCounter: Module {
    public let take = Input(1)
    public let giveA = Input(1)
    public let giveB = Input(1)
    public let available = Output(1)

    let count: Reg
    let nonZero = Reg(1, init: 1)
    let returnedA = Reg(1, init: 0)
    let returnedB = Reg(1, init: 0)
    public let credits: Int

    public init(credits: Int) {
        precondition(credits >= 1, "a credit counter starts with at least one credit")
        self.credits = credits
        count = Reg(Int.bitWidth - credits.leadingZeroBitCount, init: UInt64(credits))
    }

    public var moduleName: String { "credit_counter_\(credits)" }

    public var body: Logic {
        let width = count.width
        returnedA <== giveA
        returnedB <== giveB
        let kept = (count + returnedA.bits.zext(to: width) + returnedB.bits.zext(to: width)).named("kept")
        let spent = (kept - 1).named("spent")
        count <== mux(take, spent, kept)
        nonZero <== mux(take, spent != 0, kept != 0)
        available <== nonZero
    }
}
