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
        // x - 1 flips x's bits up to its lowest set bit: one carry chain
        // gives both the lowest set bit (x & ~(x - 1)) and the bits above it
        // (~(x ^ (x - 1))). Both candidates' chains run side by side and the
        // choice between them comes last, so the path is one chain and a mux.
        let preferredLess1 = (preferred - 1).named("preferred_less1")
        let requestLess1 = (request - 1).named("request_less1")
        grant <== mux(anyPreferred, preferred & ~preferredLess1, request & ~requestLess1)
        let anyRequest = request.orReduce().named("any_request")
        granted <== anyRequest
        When(advance && anyRequest) {
            above <== mux(anyPreferred, ~(preferred ^ preferredLess1), ~(request ^ requestLess1))
        }
    }
}
