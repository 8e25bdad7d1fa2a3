import XCTest
import HDL

/// `LateChoice` against a model: `value` is last cycle's `if_picked` when
/// `pick` was 1, else its `if_not`, with one choice flop or several (each
/// selecting a slice of the bits; the odd copies are kept complemented
/// inside, which must not show at the output). Random inputs, seed printed.
final class LateChoiceTests: XCTestCase {
    func testValueIsLastCyclesChoiceWithOneOrManyChoiceFlops() throws {
        for copies in [1, 3, 4] {
            var random = SeededRandom.fromEnvironment("\(#function) copies \(copies)")
            let sim = try Simulator(LateChoice(width: 40, initial: 0x55, choiceCopies: copies))
            sim.reset()
            let mask: UInt64 = (1 << 40) - 1
            XCTAssertEqual(sim.get(sim.port("value")), 0x55, "initial value, copies \(copies)")
            var picks = 0
            for cycle in 0..<2_000 {
                let pick = random.chance(0.5), picked = random.next() & mask, other = random.next() & mask
                sim.set("pick", pick ? 1 : 0)
                sim.set("if_picked", picked)
                sim.set("if_not", other)
                sim.step()
                picks += pick ? 1 : 0
                let value = sim.get(sim.port("value"))
                XCTAssertEqual(value, pick ? picked : other, "cycle \(cycle), copies \(copies), seed \(random.seed)")
                XCTAssertEqual(sim.get(sim.port("was_picked")), pick ? 1 : 0, "cycle \(cycle), seed \(random.seed)")
                if value != (pick ? picked : other) { break }
            }
            XCTAssertGreaterThan(picks, 500, "both choices exercised")
        }
    }
}
