import HDL
import XCTest

/// `RoundRobinChoice` in Verilator under random requests held until taken
/// (as stream sources hold `valid`): the choice is one-hot or 0, names a
/// requester that requested a cycle before and was not taken then, and a
/// requester that keeps its request is chosen and taken within `count`
/// takes. Seeds are printed; replay with `HDL_SEED=<seed>`.
final class RoundRobinChoiceTests: XCTestCase {
    func testChoicesAreFairAndOneHot() throws {
        for count in [2, 3, 9] {
            var random = SeededRandom.fromEnvironment()
            let sim = try Simulator(RoundRobinChoice(count: count))
            sim.reset()
            let label = "\(count) requesters, seed \(random.seed)"
            var held = UInt64(0), before = UInt64(0), takenBefore = UInt64(0)
            var waited = [Int](repeating: 0, count: count)
            var takes = 0
            for cycle in 0..<5_000 {
                var wanted = held
                for i in 0..<count where random.chance(0.3) { wanted |= 1 << UInt64(i) }
                sim.set("request", wanted)
                let choice = sim.getUInt64("choice")
                XCTAssertLessThanOrEqual(choice.nonzeroBitCount, 1, "\(label): one-hot, cycle \(cycle)")
                XCTAssertEqual(choice & ~(before & ~takenBefore), 0, "\(label): a requester of the cycle before, cycle \(cycle)")
                let take = choice & wanted != 0 && random.chance(0.8)
                sim.set("take", take ? 1 : 0)
                if take {
                    takes += 1
                    for i in 0..<count where wanted & (1 << UInt64(i)) != 0 {
                        waited[i] = choice == 1 << UInt64(i) ? 0 : waited[i] + 1
                        XCTAssertLessThanOrEqual(waited[i], count, "\(label): requester \(i) waited \(waited[i]) takes")
                    }
                }
                takenBefore = take ? choice : 0
                before = wanted
                held = wanted & ~takenBefore
                for i in 0..<count where held & (1 << UInt64(i)) == 0 { waited[i] = 0 }
                sim.step()
            }
            XCTAssertGreaterThan(takes, 1000, label)
        }
    }
}
