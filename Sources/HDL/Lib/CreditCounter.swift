/// Counts the free places of a queue that sits some cycles downstream, so a
/// producer can reserve a place before it knows whether it will use it:
/// `take` reserves one (only while `available`), `giveA` and `giveB` each
/// return one (a place freed by the consumer, a reservation not used).
/// Starts with `credits`.
///
/// The count is a thermometer code (bit i: at least i + 1 credits), so it
/// moves by shifts, with no carry chain: returns, counted a cycle late from
/// flops (a credit comes back one cycle later than it could, which is
/// safe), shift it up, and `take`, which comes late (it depends on
/// `available` through the producer's choice), picks the shifted-down word
/// or not: the producer's loop through this counter is one mux.
/// `available` is a flop: bit 0 of the count after this cycle's moves, and
/// `twoAvailable` bit 1. A producer that registers its choice and takes a
/// cycle later (so no count waits on the choice) asks for `twoAvailable`:
/// one credit may be on its way out in the take it has in flight.
public final class CreditCounter: Module {
    public let take = Input(1)
    public let giveA = Input(1)
    public let giveB = Input(1)
    public let available = Output(1)
    public let twoAvailable = Output(1)

    let level: Reg
    let nonZero = Reg(1, init: 1)
    let atLeastTwo: Reg
    let returnedA = Reg(1, init: 0)
    let returnedB = Reg(1, init: 0)
    public let credits: Int

    public init(credits: Int) {
        precondition(credits >= 1 && credits <= 64, "a credit counter of 1 ... 64 credits")
        self.credits = credits
        level = Reg(credits, init: UInt64.max >> (64 - credits))
        atLeastTwo = Reg(1, init: credits > 1 ? 1 : 0)
    }

    public var moduleName: String { "credit_counter_\(credits)" }

    public var body: Logic {
        returnedA <== giveA
        returnedB <== giveB
        let both = returnedA && returnedB, either = returnedA || returnedB
        let raised = mux(both, up(2), mux(either, up(1), level.bits)).named("raised")
        let lowered = (raised >> 1).named("lowered")
        level <== mux(take, lowered, raised)
        nonZero <== mux(take, credits > 1 ? raised[1] : lit(0, 1), raised[0])
        available <== nonZero
        atLeastTwo <== credits > 2 ? mux(take, raised[2], raised[1]) : credits > 1 ? mux(take, lit(0, 1), raised[1]) : lit(0, 1)
        twoAvailable <== atLeastTwo
    }

    /// The count `n` credits higher (all ones at the top).
    private func up(_ n: Int) -> Bits {
        let ones = lit(1, 1).replicated(min(n, credits))
        return n >= credits ? ones : cat(level.bits.bits(credits - 1 - n, 0), ones)
    }
}
