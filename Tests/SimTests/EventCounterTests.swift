import XCTest
import HDL

/// `EventCounter` against a Swift count: through the lower half's wrap
/// (2^16) and the whole counter's (2^18 here), with random idle cycles, and
/// replayed in Icarus over the first lower-half wrap.
final class EventCounterTests: XCTestCase {
    func testCountsExactlyThroughBothWraps() throws {
        var random = SeededRandom.fromEnvironment()
        let sim = try Simulator(EventCounter(width: 18))
        sim.startRecording()
        sim.reset()
        let count = sim.port("count"), value = sim.port("value")
        var expected: UInt64 = 0, events = 0
        for cycle in 0..<300_000 {
            XCTAssertEqual(sim.get(value), expected, "cycle \(cycle), seed \(random.seed)")
            if sim.get(value) != expected { break }
            // Mostly counting, so both wraps come within the run.
            let event = cycle < 70_000 || random.chance(0.95)
            sim.set(count, event ? 1 : 0)
            if event {
                expected = (expected + 1) & 0x3FFFF
                events += 1
            }
            sim.step()
            if cycle == 66_000 { try sim.crossCheckWithIcarus() }
        }
        XCTAssertGreaterThan(events, 1 << 18, "the whole counter wrapped")
    }
}
