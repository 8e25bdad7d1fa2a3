import XCTest
import HDL
import HDLExamples

/// Every example design of the HDL driven with random stimulus (seed printed,
/// replay with `HDL_SEED=<seed>`), checked each cycle against a small Swift
/// reference model, then replayed in Icarus Verilog, which must agree on
/// every output at every cycle.
final class ExampleDesignSimTests: XCTestCase {
    func testUpDownCounterMatchesModel() throws {
        var random = SeededRandom.fromEnvironment()
        let width = 8
        let sim = try Simulator(UpDownCounter(width: width))
        sim.startRecording()
        let enable = sim.port("enable"), up = sim.port("up"), count = sim.port("count")
        sim.reset()
        var model: UInt64 = 0
        for cycle in 0..<2_000 {
            XCTAssertEqual(sim.get(count), model, "cycle \(cycle)")
            let e = random.chance(0.8), u = random.chance(0.5)
            sim.set(enable, e ? 1 : 0)
            sim.set(up, u ? 1 : 0)
            sim.step()
            if e { model = (u ? model &+ 1 : model &- 1) & 0xFF }
        }
        try sim.crossCheckWithIcarus()
    }

    func testSyncMemoryMatchesModel() throws {
        var random = SeededRandom.fromEnvironment()
        let initial: [UInt64] = (0..<64).map { UInt64($0 * 3 + 1) }
        let sim = try Simulator(SyncMemory(width: 16, depth: 64, initial: initial))
        sim.startRecording()
        var model = initial
        var expected: UInt64? = nil
        let ports = ["wr_en", "wr_addr", "wr_data", "rd_en", "rd_addr"].map(sim.port)
        let rdData = sim.port("rd_data")
        for cycle in 0..<2_000 {
            if let expected { XCTAssertEqual(sim.get(rdData), expected, "cycle \(cycle)") }
            // Read in cycle 0: the read-data register is not reset (block RAM
            // has no reset), so it is undefined (X in Icarus) until the first read.
            let we = random.chance(0.5), re = cycle == 0 || random.chance(0.7)
            // A narrow address range makes reads of just-written words common.
            let wa = random.next() % 8, ra = random.next() % 8, wd = random.next() & 0xFFFF
            for (port, value) in zip(ports, [we ? 1 : 0, wa, wd, re ? 1 : 0, ra]) { sim.set(port, value) }
            sim.step()
            // Read-during-write returns the old word: the read samples before the write lands.
            if re { expected = model[Int(ra)] }
            if we { model[Int(wa)] = wd }
        }
        try sim.crossCheckWithIcarus(CrossCheckOptions(firstComparedSample: 1))
    }

    func testTrafficLightMatchesModel() throws {
        var random = SeededRandom.fromEnvironment()
        let hold = 3
        let sim = try Simulator(TrafficLight(hold: hold))
        sim.startRecording()
        sim.reset()
        let order: [TrafficLight.Light] = [.green, .yellow, .red, .redYellow]
        let lamps: [TrafficLight.Light: UInt64] = [.green: 0b001, .yellow: 0b010, .red: 0b100, .redYellow: 0b110]
        var state = TrafficLight.Light.red, timer = 0
        let run = sim.port("run"), lampPort = sim.port("lamps"), statePort = sim.port("state")
        for cycle in 0..<1_000 {
            XCTAssertEqual(sim.get(lampPort), lamps[state], "cycle \(cycle)")
            XCTAssertEqual(sim.get(statePort), UInt64(state.index), "cycle \(cycle)")
            let r = random.chance(0.7)
            sim.set(run, r ? 1 : 0)
            sim.step()
            if r {
                if timer == hold - 1 {
                    timer = 0
                    state = order[(order.firstIndex(of: state)! + 1) % order.count]
                } else {
                    timer += 1
                }
            }
        }
        try sim.crossCheckWithIcarus()
    }

    func testSyncFifoDeliversInOrderUnderBackPressure() throws {
        try checkSyncFifo(bypass: false)
    }

    /// The bypass keeps the order and capacity, and a word pushed into an
    /// empty FIFO is on `out` the next cycle.
    func testSyncFifoBypass() throws {
        try checkSyncFifo(bypass: true)
    }

    /// With the RAM's word registered: the same order and capacity, a cycle later.
    func testSyncFifoRegisteredRead() throws {
        try checkSyncFifo(bypass: false, registeredRead: true)
        try checkSyncFifo(bypass: true, registeredRead: true)
    }

    private func checkSyncFifo(bypass: Bool, registeredRead: Bool = false) throws {
        var random = SeededRandom.fromEnvironment()
        let depth = 8
        let fifo = SyncFifo(width: 8, depth: depth, bypass: bypass, registeredRead: registeredRead)
        let sim = try Simulator(fifo)
        sim.startRecording()
        sim.reset()
        let inValid = sim.port("in_valid"), inReady = sim.port("in_ready"), inData = sim.port("in_data")
        let outValid = sim.port("out_valid"), outReady = sim.port("out_ready"), outData = sim.port("out_data")
        let level = sim.port("level")
        var queue: [UInt64] = [], next: UInt64 = 0, received = 0, waitingSince = 0
        var pushedIntoEmpty = false, bypassed = 0
        for cycle in 0..<4_000 {
            // Bursty phases so the FIFO both fills up and drains.
            let phase = (cycle / 200) % 2 == 0
            let valid = random.chance(phase ? 0.9 : 0.3), ready = random.chance(phase ? 0.3 : 0.9)
            sim.set(inValid, valid ? 1 : 0)
            sim.set(inData, next & 0xFF)
            sim.set(outReady, ready ? 1 : 0)
            XCTAssertEqual(Int(sim.get(level)), queue.count, "level, cycle \(cycle)")
            XCTAssertLessThanOrEqual(queue.count, fifo.capacity, "capacity, cycle \(cycle)")
            if pushedIntoEmpty {
                XCTAssertEqual(sim.get(outValid), 1, "a word pushed into the empty FIFO waits, cycle \(cycle)")
                bypassed += 1
            }
            if sim.get(outValid) == 1 {
                XCTAssertEqual(sim.get(outData), queue.first, "head of queue, cycle \(cycle)")
                waitingSince = cycle
                if ready { queue.removeFirst(); received += 1 }
            } else if !queue.isEmpty {
                XCTAssertLessThan(cycle - waitingSince, fifo.pushToPopThroughRam, "data waits in the FIFO, cycle \(cycle)")
            } else {
                waitingSince = cycle
            }
            pushedIntoEmpty = false
            if valid && sim.get(inReady) == 1 {
                pushedIntoEmpty = bypass && queue.isEmpty
                queue.append(next & 0xFF)
                next += 1
            }
            sim.step()
        }
        XCTAssertGreaterThan(received, 1_000, "the FIFO moved data")
        if bypass { XCTAssertGreaterThan(bypassed, 50, "words went through the bypass") }
        try sim.crossCheckWithIcarus()
    }
}
