import Foundation
import HDL
import XCTest

final class CrossCheckTests: XCTestCase {
    func testCrossCheckPassesOnACorrectCounter() throws {
        let sim = try Simulator(design: TestDesigns.counter)
        sim.startRecording()
        sim.reset(cycles: 2)
        var random = SeededRandom.fromEnvironment()
        for _ in 0..<300 {
            sim.set("en", random.chance(0.8) ? 1 : 0)
            sim.step()
        }
        let report = try sim.crossCheckWithIcarus()
        XCTAssertTrue(report.passed)
        XCTAssertEqual(report.samples, 303, "2 reset cycles, 300 cycles, and the final values")
        XCTAssertEqual(report.firstComparedSample, 2, "comparison starts once reset is released")
    }

    func testCrossCheckPassesOnWideAndCombinationalDesigns() throws {
        var random = SeededRandom.fromEnvironment()
        let wide = try Simulator(design: TestDesigns.wide)
        wide.startRecording()
        for _ in 0..<20 {
            wide["a"] = BitVector(words: [random.next(), random.next()], width: 128)
            wide["b"] = BitVector(words: (0..<5).map { _ in random.next() }, width: 300)
            wide.step()
        }
        // No reset: the register is X in Icarus before the first edge.
        let recording = try XCTUnwrap(wide.recordingWithCurrentSample())
        let early = failingReport { try Simulator.crossCheck(design: wide.design, recording: recording) }
        XCTAssertEqual(early?.mismatches.map(\.cycle), [0])
        XCTAssertEqual(early?.mismatches.first?.icarus, String(repeating: "x", count: 75))
        XCTAssertNoThrow(try Simulator.crossCheck(
            design: wide.design, recording: recording, options: CrossCheckOptions(firstComparedSample: 1)))

        let adder = try Simulator(design: TestDesigns.adder)
        adder.startRecording()
        for _ in 0..<50 {
            adder.set("a", random.next() & 0xFFFF)
            adder.set("b", random.next() & 0xFFFF)
            adder.step()
        }
        XCTAssertEqual(try adder.crossCheckWithIcarus().samples, 51)
    }

    func testCrossCheckReportsAVerilatorOnlyDifference() throws {
        let sim = try Simulator(design: TestDesigns.counterWithVerilatorOnlyBug)
        sim.startRecording()
        sim.reset()
        sim.set("en", 1)
        sim.step(12)
        let report = failingReport { try sim.crossCheckWithIcarus() }
        // Sample 0 is reset; counting starts at sample 1, so the count is 5 at sample 6.
        XCTAssertEqual(report?.mismatches, [CrossCheckMismatch(cycle: 6, port: "q", verilator: "06", icarus: "05")])
        XCTAssertEqual(report?.totalMismatches, 1)
        XCTAssertTrue(report?.description.contains("MISMATCH cycle 6 port q: verilator=06 icarus=05") == true)
    }

    func testCrossCheckReportsATamperedRecording() throws {
        let sim = try Simulator(design: TestDesigns.counter)
        sim.startRecording()
        sim.reset()
        sim.set("en", 1)
        sim.step(40)
        var recording = try XCTUnwrap(sim.recordingWithCurrentSample())
        XCTAssertNoThrow(try Simulator.crossCheck(design: sim.design, recording: recording))
        let honest = recording.value(of: "q", at: 30)
        let forged = BitVector(honest.low64 ^ 0x80, width: 8)
        recording.overwrite("q", at: 30, with: forged)
        recording.overwrite("wrap", at: 35, with: BitVector(1, width: 1))
        let report = failingReport { try Simulator.crossCheck(design: sim.design, recording: recording) }
        XCTAssertEqual(report?.mismatches, [
            CrossCheckMismatch(cycle: 30, port: "q", verilator: forged.hexDigits, icarus: honest.hexDigits),
            CrossCheckMismatch(cycle: 35, port: "wrap", verilator: "1", icarus: "0"),
        ])
    }

    func testARegisterWithoutResetIsXInIcarus() throws {
        let sim = try Simulator(design: TestDesigns.unresetRegister)
        sim.startRecording()
        sim.reset()
        sim.step(2)  // never loaded: Verilator says 0, Icarus X
        sim.set("load", 1)
        sim.set("d", 0x5A)
        sim.step()
        let report = failingReport { try sim.crossCheckWithIcarus(CrossCheckOptions(maxReports: 1)) }
        XCTAssertEqual(report?.mismatches, [CrossCheckMismatch(cycle: 1, port: "q", verilator: "00", icarus: "xx")])
        XCTAssertEqual(report?.totalMismatches, 3, "cycles 1 to 3; after the load both say 5a")
    }

    func testPayloadIsComparedOnlyWhileValid() throws {
        let design = TestDesigns.streamFIFO(dataWidth: 8)
        let outputs = design.ports.filter { $0.direction == .output }
        XCTAssertEqual(CrossCheckOptions.conventionalQualifiers(outputs), [
            "m_axis_tdata": "m_axis_tvalid", "m_axis_tkeep": "m_axis_tvalid",
            "m_axis_tlast": "m_axis_tvalid", "m_axis_tuser": "m_axis_tvalid",
        ])
        let sim = try Simulator(design: design)
        sim.startRecording()
        sim.reset()
        let source = StreamSource(sim, prefix: "s_axis")
        let sink = StreamSink(sim, prefix: "m_axis")
        source.send([1, 2, 3])
        sim.step(10, agents: [source, sink])
        XCTAssertEqual(sink.frames, [StreamFrame([1, 2, 3])])
        // The FIFO's memory is X in Icarus until written: its head is X while empty.
        XCTAssertNoThrow(try sim.crossCheckWithIcarus())
        let everything = failingReport { try sim.crossCheckWithIcarus(CrossCheckOptions(qualifiers: [:])) }
        XCTAssertEqual(everything?.mismatches.first?.port, "m_axis_tdata")
        XCTAssertEqual(everything?.mismatches.first?.icarus, "xx")
    }

    /// Runs a cross-check that must fail, returns its report, and removes the
    /// bench directory a failure leaves for debugging.
    private func failingReport(
        _ check: () throws -> CrossCheckReport, file: StaticString = #filePath, line: UInt = #line
    ) -> CrossCheckReport? {
        do {
            let report = try check()
            XCTFail("the cross-check passed: \(report)", file: file, line: line)
        } catch let failure as CrossCheckFailure {
            try? FileManager.default.removeItem(atPath: failure.report.workDirectory)
            return failure.report
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
        return nil
    }
}
