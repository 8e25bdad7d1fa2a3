/// Grants one of `count` requesters a cycle, round robin: the lowest
/// requester above the one granted last, else the lowest requester. A
/// requester that keeps its request is granted within `count` used grants
/// (`advance` cycles with a grant), whatever the others do: the bound a
/// pipeline's event picker needs.
///
/// `grant` is one-hot (0 with no request) and combinational from `request`
/// and one register, the mask of requesters above the last grant; the mask
/// moves only on `advance`, so a grant not used is offered again.
public final class RoundRobinArbiter: Module {
    public let request: Input
    /// The grant is taken this cycle.
    public let advance = Input(1)
    public let grant: Output
    public let granted = Output(1)

    /// Requesters strictly above the last one granted (after reset: all).
    let above: Reg

    public init(count: Int) {
        precondition(count >= 2 && count <= 64, "a round-robin arbiter of 2 ... 64 requesters")
        request = Input(count)
        grant = Output(count)
        above = Reg(count, init: UInt64.max >> (64 - count))
    }

    public var moduleName: String { "round_robin_arbiter_\(request.width)" }

    public var body: Logic {
        let preferred = (request & above).named("preferred")
        let anyPreferred = preferred.orReduce().named("any_preferred")
        let (preferredLowest, preferredAbove) = lowestAndAbove(preferred, "preferred")
        let (requestLowest, requestAbove) = lowestAndAbove(request.bits, "request")
        grant <== mux(anyPreferred, preferredLowest, requestLowest)
        let anyRequest = request.orReduce().named("any_request")
        granted <== anyRequest
        When(advance && anyRequest) {
            above <== mux(anyPreferred, preferredAbove, requestAbove)
        }
    }

}

/// The lowest set bit of `x` and the bits above it. Up to eight bits, as
/// gates (bit i: x[i] and none below / any below); wider, from one carry
/// chain: x - 1 flips x's bits up to its lowest set bit, so x & ~(x - 1) is
/// that bit and ~(x ^ (x - 1)) the bits above it.
func lowestAndAbove(_ x: Bits, _ name: String) -> (Bits, Bits) {
    guard x.width > 8 else {
        let below = (0..<x.width).map { i in i == 0 ? lit(0, 1) : x.bits(i - 1, 0).orReduce() }
        let lowest = cat((0..<x.width).reversed().map { x[$0] && !below[$0] })
        return (lowest.named("\(name)_lowest"), cat(below.reversed()).named("\(name)_above"))
    }
    let less1 = (x - 1).named("\(name)_less1")
    return (x & ~less1, ~(x ^ less1))
}
