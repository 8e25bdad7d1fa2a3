import HDL
import XCTest

/// `RoundRobinArbiter` in Verilator under random requests: the grant is one
/// of the requesters (one-hot, none without a request), an unused grant
/// is offered again, and a requester that holds its request is granted
/// within `count` used grants. Seeds are printed; replay with `HDL_SEED=<seed>`.
final class RoundRobinArbiterTests: XCTestCase {
    func testGrantsAreFairAndOneHot() throws {
        for count in [2, 5, 8] {
            try checkArbiter(count: count)
        }
    }

    private func checkArbiter(count: Int) throws {
        var random = SeededRandom.fromEnvironment()
        let sim = try Simulator(RoundRobinArbiter(count: count))
        sim.reset()
        let request = sim.port("request"), advance = sim.port("advance")
        let grant = sim.port("grant"), granted = sim.port("granted")
        let label = "\(count) requesters, seed \(random.seed)"
        var held = UInt64(0)
        // Used grants seen while each requester held its request.
        var waited = [Int](repeating: 0, count: count)
        var lastGrant: UInt64?
        for cycle in 0..<5_000 {
            // A requester that is waiting keeps its request (as a pipeline
            // source would); others come and go at random.
            var wanted = held
            for i in 0..<count where random.chance(0.4) { wanted |= 1 << UInt64(i) }
            let taken = random.chance(0.7)
            sim.set(request, wanted)
            sim.set(advance, taken ? 1 : 0)
            let g = sim.get(grant)
            XCTAssertEqual(sim.get(granted), wanted == 0 ? 0 : 1, "\(label): granted, cycle \(cycle)")
            XCTAssertEqual(g & ~wanted, 0, "\(label): grant to a requester, cycle \(cycle)")
            XCTAssertEqual(g.nonzeroBitCount, wanted == 0 ? 0 : 1, "\(label): one-hot, cycle \(cycle)")
            if let last = lastGrant, wanted & last != 0, wanted == held {
                XCTAssertEqual(g, last, "\(label): an unused grant is offered again, cycle \(cycle)")
            }
            if taken && g != 0 {
                for i in 0..<count where wanted & (1 << UInt64(i)) != 0 {
                    if g == 1 << UInt64(i) { waited[i] = 0 } else { waited[i] += 1 }
                    XCTAssertLessThan(waited[i], count, "\(label): requester \(i) waited \(waited[i]) grants, cycle \(cycle)")
                }
                held = wanted & ~g
                lastGrant = nil
            } else {
                held = wanted
                lastGrant = g
            }
            for i in 0..<count where held & (1 << UInt64(i)) == 0 { waited[i] = 0 }
            sim.step()
        }
    }
}
