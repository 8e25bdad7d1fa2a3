import XCTest
import HDL

/// `ShiftQueue` against a Swift array: random pushes and pops (together,
/// apart, into a full and from an empty queue), and the head, the valid
/// and the full flags checked every cycle. Seed printed.
final class ShiftQueueTests: XCTestCase {
    func testBehavesAsAQueue() throws {
        var random = SeededRandom.fromEnvironment(#function)
        let depth = 5
        let sim = try Simulator(ShiftQueue(width: 7, depth: depth))
        let (inValid, inData, outReady) = (sim.port("in_valid"), sim.port("in_data"), sim.port("out_ready"))
        let (outValid, outData, full, inReady) = (sim.port("out_valid"), sim.port("out_data"), sim.port("full"), sim.port("in_ready"))
        sim.reset()
        var model: [UInt64] = []
        var pushedFull = 0, bothAtOnce = 0
        for cycle in 0..<5_000 {
            XCTAssertEqual(sim.get(outValid), model.isEmpty ? 0 : 1, "out_valid, cycle \(cycle), seed \(random.seed)")
            XCTAssertEqual(sim.get(full), model.count == depth ? 1 : 0, "full, cycle \(cycle)")
            XCTAssertEqual(sim.get(inReady), model.count == depth ? 0 : 1, "in_ready, cycle \(cycle)")
            if let head = model.first { XCTAssertEqual(sim.get(outData), head, "head, cycle \(cycle), seed \(random.seed)") }
            // Lean toward filling in some stretches and emptying in others.
            let filling = (cycle / 200) % 2 == 0
            let push = random.chance(filling ? 0.7 : 0.3), pop = random.chance(filling ? 0.3 : 0.7)
            let word = random.next() & 0x7F
            sim.set(inValid, push ? 1 : 0)
            sim.set(inData, word)
            sim.set(outReady, pop ? 1 : 0)
            let popped = pop && !model.isEmpty, pushed = push && model.count < depth
            pushedFull += push && !pushed ? 1 : 0
            bothAtOnce += popped && pushed ? 1 : 0
            if popped { model.removeFirst() }
            if pushed { model.append(word) }
            sim.step()
            if model.count > depth { break }
        }
        XCTAssertGreaterThan(pushedFull, 10, "pushes into a full queue exercised")
        XCTAssertGreaterThan(bothAtOnce, 100, "push and pop together exercised")
    }
}
