import HDL
import XCTest

/// `CreditCounter` in Verilator against a count kept in Swift: random takes
/// (only while `available`) and returns (never more than were taken), and
/// `available` is exactly "some credit left" and `two_available` "two or
/// more" every cycle, a return counting from the cycle after it is given.
final class CreditCounterTests: XCTestCase {
    func testAvailableTracksTheCount() throws {
        var random = SeededRandom.fromEnvironment()
        for credits in [1, 3, 19] {
            let sim = try Simulator(CreditCounter(credits: credits))
            sim.reset()
            let take = sim.port("take"), giveA = sim.port("give_a"), giveB = sim.port("give_b")
            let available = sim.port("available")
            let twoAvailable = sim.port("two_available")
            var left = credits, returning = 0
            var seenEmpty = false, seenFull = false
            for cycle in 0..<4_000 {
                XCTAssertEqual(sim.get(available), left > 0 ? 1 : 0, "\(credits) credits, \(left) left, cycle \(cycle)")
                XCTAssertEqual(sim.get(twoAvailable), left >= 2 ? 1 : 0, "two available, cycle \(cycle)")
                let takes = left > 0 && random.chance(0.5)
                var out = credits - left - returning
                let a = out > 0 && random.chance(0.35)
                if a { out -= 1 }
                let b = out > 0 && random.chance(0.15)
                sim.set(take, takes ? 1 : 0)
                sim.set(giveA, a ? 1 : 0)
                sim.set(giveB, b ? 1 : 0)
                left += returning - (takes ? 1 : 0)
                returning = (a ? 1 : 0) + (b ? 1 : 0)
                seenEmpty = seenEmpty || left == 0
                seenFull = seenFull || left == credits
                sim.step()
            }
            XCTAssertTrue(seenEmpty && seenFull, "the run reached no credit and all credits")
        }
    }
}
