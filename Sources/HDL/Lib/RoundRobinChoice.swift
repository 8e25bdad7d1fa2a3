/// A round-robin choice among `count` requesters made a cycle ahead, so it
/// is a flop: `choice` is one-hot (or 0), a requester that requested in
/// the cycle before and was not taken then. The user offers the chosen
/// one while it still requests (`choice & request`), and says `take` in a
/// cycle it takes it; the next choice starts after the one taken, so a
/// requester that keeps its request is chosen within `count` takes.
///
/// Where `RoundRobinArbiter` grants in the cycle (its grant comes late and
/// drives whatever it selects), this one selects with a flop: a wide mux
/// among the requesters' words, or the requesters' `ready`s, wait on no
/// logic. The price: a requester that appears is seen a cycle later.
/// `take` reaches the next choice through one mux: both next choices (the
/// chosen one taken or not) are made before it.
public final class RoundRobinChoice: Module {
    public let request: Input
    /// The requester in `choice` is taken this cycle.
    public let take = Input(1)
    public let choice: Output

    let chosen: Reg
    /// The requester taken last (after reset: the top one, so the bottom goes first).
    let last: Reg

    public init(count: Int) {
        precondition(count >= 2 && count <= 64, "a round-robin choice among 2 ... 64 requesters")
        request = Input(count)
        choice = Output(count)
        chosen = Reg(count, init: 0)
        last = Reg(count, init: 1 << UInt64(count - 1))
    }

    public var moduleName: String { "round_robin_choice_\(request.width)" }

    public var body: Logic {
        // Both next choices are made from flops and `request`; `take`,
        // which comes late (it waits on the user's grant), only picks one.
        let ifKept = next(candidates: request.bits, last: last.bits, "kept")
        let ifTaken = next(candidates: request & ~chosen, last: chosen.bits, "taken")
        chosen <== mux(take, ifTaken, ifKept)
        last <== mux(take, chosen.bits, last.bits)
        choice <== chosen
    }

    /// The first of `candidates` after `last` (wrapping round).
    private func next(candidates: Bits, last: Bits, _ name: String) -> Bits {
        let (_, aboveLast) = lowestAndAbove(last, "\(name)_last")
        let preferred = (candidates & aboveLast).named("\(name)_preferred")
        let (preferredLowest, _) = lowestAndAbove(preferred, "\(name)_preferred")
        let (candidateLowest, _) = lowestAndAbove(candidates, "\(name)_candidate")
        return mux(preferred.orReduce(), preferredLowest, candidateLowest).named("\(name)_next")
    }
}
