import HDL
import XCTest

/// The two ready/valid register slices of `Sources/HDL/Lib`, `SkidBuffer` and
/// `PingPongSlice`, against a queue model in Verilator: words come out in
/// order, none lost or doubled, at most two held, a refused word stays on
/// the output unchanged, `in_ready` depends on no input of its cycle, and
/// with both sides always willing one word passes every cycle.
/// Seeds are printed; replay with `HDL_SEED=<seed>`.
final class RegisterSliceTests: XCTestCase {
    func testSkidBufferIsAnInOrderQueueOfTwo() throws {
        try checkSlice(SkidBuffer(width: 16))
    }

    func testPingPongSliceIsAnInOrderQueueOfTwo() throws {
        try checkSlice(PingPongSlice(width: 16))
    }

    private func checkSlice(_ slice: any Module) throws {
        var random = SeededRandom.fromEnvironment()
        let sim = try Simulator(slice)
        sim.reset()
        let inValid = sim.port("in_valid"), inReady = sim.port("in_ready"), inData = sim.port("in_data")
        let outValid = sim.port("out_valid"), outReady = sim.port("out_ready"), outData = sim.port("out_data")
        var queue: [UInt64] = [], next: UInt64 = 1, received = 0
        var refused: UInt64?
        let label = "\(slice.moduleName), seed \(random.seed)"
        for cycle in 0..<6_000 {
            // Phases: random on both sides, then both always willing.
            let steady = (cycle / 500) % 3 == 2
            let valid = steady || random.chance(0.6), ready = steady || random.chance(0.5)
            let readyBefore = sim.get(inReady)
            sim.set(inValid, valid ? 1 : 0)
            sim.set(inData, next & 0xFFFF)
            sim.set(outReady, ready ? 1 : 0)
            XCTAssertEqual(sim.get(inReady), readyBefore, "\(label): in_ready from flops only, cycle \(cycle)")
            XCTAssertLessThanOrEqual(queue.count, 2, "\(label): holds at most two, cycle \(cycle)")
            if let word = refused {
                XCTAssertEqual(sim.get(outValid), 1, "\(label): a refused word stays, cycle \(cycle)")
                XCTAssertEqual(sim.get(outData), word, "\(label): a refused word is unchanged, cycle \(cycle)")
            }
            refused = nil
            if sim.get(outValid) == 1 {
                XCTAssertEqual(sim.get(outData), queue.first, "\(label): head of queue, cycle \(cycle)")
                if ready { queue.removeFirst(); received += 1 } else { refused = sim.get(outData) }
            } else {
                XCTAssertTrue(queue.isEmpty, "\(label): a word held but not offered, cycle \(cycle)")
            }
            let taken = valid && sim.get(inReady) == 1
            if taken { queue.append(next & 0xFFFF); next += 1 }
            if steady && cycle % 500 > 4 {
                XCTAssertTrue(taken && sim.get(outValid) == 1, "\(label): one word a cycle when both sides are willing, cycle \(cycle)")
            }
            sim.step()
        }
        XCTAssertGreaterThan(received, 2_500, label)
        print("\(label): \(received) words")
    }
}
