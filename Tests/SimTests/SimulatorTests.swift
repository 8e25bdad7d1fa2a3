import Foundation
import HDL
import XCTest

final class SimulatorTests: XCTestCase {
    func testCounterCountsWhenEnabledAndResets() throws {
        let sim = try Simulator(design: TestDesigns.counter)
        sim.reset()
        XCTAssertEqual(sim.getUInt64("q"), 0)
        var expected: UInt64 = 0
        var random = SeededRandom.fromEnvironment()
        for _ in 0..<600 {
            let enable = random.chance(0.7)
            sim.set("en", enable ? 1 : 0)
            XCTAssertEqual(sim.getUInt64("wrap"), enable && expected == 255 ? 1 : 0)
            sim.step()
            if enable { expected = (expected + 1) & 0xFF }
            XCTAssertEqual(sim.getUInt64("q"), expected)
        }
        sim.set("rst", 1)
        sim.step()
        XCTAssertEqual(sim.getUInt64("q"), 0, "synchronous reset clears the count")
        XCTAssertEqual(sim.cycle, 602)
    }

    func testResetHoldsForTheRequestedCycles() throws {
        let sim = try Simulator(design: TestDesigns.counter)
        sim.set("en", 1)
        sim.step(3)
        XCTAssertEqual(sim.getUInt64("q"), 3)
        sim.reset(cycles: 4)
        XCTAssertEqual(sim.getUInt64("q"), 0)
        XCTAssertEqual(sim.cycle, 7)
        sim.step(2)
        XCTAssertEqual(sim.getUInt64("q"), 2, "counting resumes once rst is low")
    }

    func testBatchStepMatchesSingleSteps() throws {
        let batch = try Simulator(design: TestDesigns.counter)
        let single = try Simulator(design: TestDesigns.counter)
        for sim in [batch, single] {
            sim.reset()
            sim.set("en", 1)
        }
        batch.step(1000)
        for _ in 0..<1000 { single.step() }
        XCTAssertEqual(batch.getUInt64("q"), single.getUInt64("q"))
        XCTAssertEqual(batch.getUInt64("q"), UInt64(1000 % 256))
    }

    func testCombinationalOutputIsLazyEvaluatedAfterInputsChange() throws {
        let sim = try Simulator(design: TestDesigns.adder)
        let a = sim.port("a"), b = sim.port("b"), sum = sim.port("sum")
        var random = SeededRandom.fromEnvironment()
        for _ in 0..<1000 {
            let x = random.next() & 0xFFFF, y = random.next() & 0xFFFF
            sim.set(a, x)
            sim.set(b, y)
            XCTAssertEqual(sim.get(sum), x + y, "no step: the read evaluates the model")
        }
        sim["a"] = BitVector(0xFFFF, width: 16)
        sim["b"] = BitVector(1, width: 16)
        XCTAssertEqual(sim["sum"], BitVector(0x10000, width: 17))
        XCTAssertEqual(sim.get("sum").width, 17)
    }

    func testWidePortsRoundTrip() throws {
        let sim = try Simulator(design: TestDesigns.wide)
        var random = SeededRandom.fromEnvironment()
        for _ in 0..<50 {
            let a = BitVector(words: [random.next(), random.next()], width: 128)
            let b = BitVector(words: (0..<5).map { _ in random.next() }, width: 300)
            sim["a"] = a
            sim["b"] = b
            XCTAssertEqual(sim["a"], a, "an input reads back as written")
            XCTAssertEqual(sim["b"], b)
            XCTAssertEqual(sim["a_inv"], BitVector(words: a.words.map { ~$0 }, width: 128))
            XCTAssertEqual(sim["b_rot"], rotateLeft(b))
            sim.step()
            XCTAssertEqual(sim["b_reg"], b, "300 bits pass through a register")
        }
    }

    func testWidePortsWithoutAllocationAndLowWords() throws {
        let sim = try Simulator(design: TestDesigns.wide)
        let b = sim.port("b"), bRot = sim.port("b_rot")
        let input: [UInt64] = [1 << 63, 0, 0, 0, 1 << 43]  // bit 63 and bit 299
        var output = [UInt64](repeating: 0, count: 5)
        input.withUnsafeBufferPointer { sim.setWords(b, $0) }
        output.withUnsafeMutableBufferPointer { sim.getWords(bRot, into: $0) }
        XCTAssertEqual(output, [1, 1, 0, 0, 0], "bit 63 moves to 64, bit 299 wraps to 0")
        sim.set(sim.port("a"), 0x1234)  // a 64-bit write to a wide port zero-extends
        XCTAssertEqual(sim["a"], BitVector(0x1234, width: 128))
        XCTAssertEqual(sim["a_inv"].words, [~UInt64(0x1234), ~0])
    }

    func testHierarchyOfTwoFiles() throws {
        let sim = try Simulator(design: TestDesigns.hierarchy)
        for x: UInt64 in [0, 1, 100, 254, 255] {
            sim.set("x", x)
            XCTAssertEqual(sim.getUInt64("y"), (x + 2) & 0xFF)
        }
    }

    func testSecondBuildOfTheSameDesignComesFromTheCache() throws {
        // A cache of its own, emptied of counter models (the run-time library
        // stays, so reruns are quick): the first build is then a real one.
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("swift-hdl-sim-cache-test")
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? [] where entry.hasPrefix("model-counter-") {
            try FileManager.default.removeItem(at: cache.appendingPathComponent(entry))
        }
        let buildsBefore = Simulator.buildCount
        let first = try Simulator(design: TestDesigns.counter, cacheDirectory: cache)
        XCTAssertFalse(first.buildWasCached)
        XCTAssertEqual(Simulator.buildCount, buildsBefore + 1)
        let start = Date()
        let second = try Simulator(design: TestDesigns.counter, cacheDirectory: cache)
        XCTAssertTrue(second.buildWasCached)
        XCTAssertEqual(Simulator.buildCount, buildsBefore + 1, "the second simulator did not run Verilator")
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
        second.set("en", 1)
        second.step(5)
        XCTAssertEqual(second.getUInt64("q"), 5)
        XCTAssertEqual(first.getUInt64("q"), 0, "two instances of one library keep separate state")

        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        XCTAssertEqual(entries.filter { $0.hasPrefix("model-counter-") && !$0.hasSuffix(".lock") }.count, 1, "\(entries)")
        XCTAssertFalse(entries.contains { $0.hasPrefix("tmp-") }, "no scratch directory left behind: \(entries)")
    }

    func testSyntaxErrorNamesFileAndLine() throws {
        XCTAssertThrowsError(try Simulator(design: TestDesigns.broken)) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("broken.v:\(TestDesigns.brokenLine)"), message)
            XCTAssertTrue(message.contains("verilator"), message)
        }
    }

    func testMissingToolErrorGivesTheInstallCommand() {
        XCTAssertThrowsError(try Toolchain.locate("no-such-simulator-tool", package: "no-such-package")) { error in
            XCTAssertEqual(
                String(describing: error),
                "no-such-simulator-tool not found on PATH: run scripts/bootstrap, or: apt-get install -y no-such-package")
        }
    }

    func testWavesWriteAVCDNamedAfterTheSimulation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hdl-waves-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sim = try Simulator(design: TestDesigns.counter, waves: WaveOptions(directory: directory))
        sim.reset()
        sim.set("en", 1)
        sim.step(20)
        sim.closeWaves()
        let url = try XCTUnwrap(sim.wavesURL)
        XCTAssertEqual(url.lastPathComponent, "testWavesWriteAVCDNamedAfterTheSimulation.vcd")
        let vcd = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(vcd.contains("$enddefinitions"), vcd)
        XCTAssertTrue(vcd.contains(" q_reg "), "internal registers are traced too")
        XCTAssertTrue(vcd.contains("#195000"), "20 cycles of 10 ns in 1 ps units")
        XCTAssertEqual(sim.getUInt64("q"), 20, "the traced model simulates the same")
    }

    private func rotateLeft(_ value: BitVector) -> BitVector {
        var out = BitVector(width: value.width)
        for i in 0..<value.width where value[bit: i] { out[bit: (i + 1) % value.width] = true }
        return out
    }
}
