import XCTest
import HDL

/// `FreeList` against a Swift set of the places out: random takes and
/// gives (runs that empty the pool and runs that refill it); every cycle
/// the offer is a place not out, it holds while untaken, `free` is the
/// count of places not out a cycle ago, and nothing is handed out twice. Seed printed.
final class FreeListTests: XCTestCase {
    func testHandsOutEachPlaceOnce() throws {
        for count in [5, 12] { try checkPool(count: count) }
    }

    private func checkPool(count: Int) throws {
        var random = SeededRandom.fromEnvironment("\(#function) \(count)")
        let sim = try Simulator(FreeList(count: count))
        let (take, give, givePlace) = (sim.port("take"), sim.port("give"), sim.port("give_place"))
        let (offer, available, free) = (sim.port("offer"), sim.port("available"), sim.port("free"))
        sim.reset()
        var out: [UInt64] = []
        var outBefore = 0
        var lastOffer: UInt64?
        var emptied = 0, refilled = 0
        for cycle in 0..<4_000 {
            let context = "count \(count), cycle \(cycle), seed \(random.seed)"
            // `free` counts a cycle late.
            XCTAssertEqual(sim.get(free), UInt64(count - outBefore), "free a cycle ago, \(context)")
            outBefore = out.count
            if out.count == count { XCTAssertEqual(sim.get(available), 0, "nothing free, \(context)") }
            let offered = sim.get(available) == 1 ? sim.get(offer) : nil
            if let offered {
                XCTAssertLessThan(offered, UInt64(count), "offer in range, \(context)")
                XCTAssertFalse(out.contains(offered), "offer \(offered) is out already, \(context)")
                if let lastOffer { XCTAssertEqual(offered, lastOffer, "untaken offer holds, \(context)") }
            }
            // Lean toward taking in some stretches and giving in others.
            let taking = (cycle / 150) % 2 == 0
            let takes = offered != nil && random.chance(taking ? 0.7 : 0.2)
            let gives = !out.isEmpty && random.chance(taking ? 0.2 : 0.7)
            let given = gives ? out.remove(at: Int(random.next() % UInt64(out.count))) : 0
            sim.set(take, takes ? 1 : 0)
            sim.set(give, gives ? 1 : 0)
            sim.set(givePlace, given)
            if let offered, takes { out.append(offered) }
            lastOffer = takes ? nil : offered
            emptied += out.count == count ? 1 : 0
            refilled += out.isEmpty ? 1 : 0
            sim.step()
        }
        XCTAssertGreaterThan(emptied, 20, "pool emptied, count \(count)")
        XCTAssertGreaterThan(refilled, 20, "pool refilled, count \(count)")
    }
}
