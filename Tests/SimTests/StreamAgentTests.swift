import HDL
import XCTest

final class StreamAgentTests: XCTestCase {
    /// Frames of random sizes through the FIFO at several data widths, under
    /// random idle cycles and back-pressure: every byte arrives, in order.
    func testFramesCrossTheFIFOIntactUnderIdleAndBackPressure() throws {
        var random = SeededRandom.fromEnvironment()
        for dataWidth in [8, 32, 64, 128] {
            for (idle, pressure) in [(0.0, 0.0), (0.3, 0.0), (0.0, 0.5), (0.5, 0.7)] {
                try runFIFO(dataWidth: dataWidth, idle: idle, backPressure: pressure, random: &random)
            }
        }
    }

    func testTheSinkCatchesAWithdrawnBeat() throws {
        // A source that drops tvalid while tready is low breaks AXI4-Stream;
        // here the "design" output is the FIFO's, driven into the sink.
        let sim = try Simulator(design: TestDesigns.streamFIFO(dataWidth: 8))
        sim.reset()
        let sink = StreamSink(sim, prefix: "m_axis", backPressure: .pattern([true]))
        sim.set("s_axis_tvalid", 1)
        sim.set("s_axis_tdata", 0x11)
        sim.set("s_axis_tkeep", 1)
        sim.step(agents: [sink])  // the FIFO takes the beat
        sim.step(agents: [sink])  // it is offered to the refusing sink
        XCTAssertEqual(sink.stalledCycles, 1)
        XCTAssertEqual(sink.protocolErrors, [])
        sim.set("s_axis_tvalid", 0)
        sim.set("rst", 1)  // the FIFO forgets the beat it offered
        sim.step()
        sim.set("rst", 0)
        sim.step(agents: [sink])
        XCTAssertEqual(sink.protocolErrors.count, 1, "\(sink.protocolErrors)")
    }

    func testAStreamRunCrossChecksWithIcarus() throws {
        var random = SeededRandom.fromEnvironment()
        let sim = try Simulator(design: TestDesigns.streamFIFO(dataWidth: 32))
        sim.startRecording()
        sim.reset()
        let source = StreamSource(sim, prefix: "s_axis", idle: .random(probability: 0.3, seed: random.next()))
        let sink = StreamSink(sim, prefix: "m_axis", backPressure: .random(probability: 0.4, seed: random.next()))
        for _ in 0..<10 { source.send(random.bytes(1 + Int(random.next() % 20)), user: random.next() & 0xFF) }
        XCTAssertTrue(sim.step(agents: [source, sink], until: { source.isDone && sink.frames.count == 10 }, timeout: 2000))
        XCTAssertNoThrow(try sim.crossCheckWithIcarus())
    }

    private func runFIFO(dataWidth: Int, idle: Double, backPressure: Double, random: inout SeededRandom) throws {
        let label = "width \(dataWidth), idle \(idle), back-pressure \(backPressure)"
        let sim = try Simulator(design: TestDesigns.streamFIFO(dataWidth: dataWidth))
        sim.reset()
        let source = StreamSource(sim, prefix: "s_axis", idle: .random(probability: idle, seed: random.next()))
        let sink = StreamSink(sim, prefix: "m_axis", backPressure: .random(probability: backPressure, seed: random.next()))
        let bytesPerBeat = dataWidth / 8
        let frames = (0..<30).map { _ in
            StreamFrame(random.bytes(1 + Int(random.next() % UInt64(4 * bytesPerBeat + 3))), user: random.next() & 0xFF)
        }
        frames.forEach(source.send)
        let finished = sim.step(agents: [source, sink], until: { sink.frames.count == frames.count }, timeout: 20_000)
        XCTAssertTrue(finished, "\(label): \(sink.frames.count) of \(frames.count) frames arrived")
        XCTAssertEqual(sink.frames, frames, label)
        let beats = frames.map { ($0.bytes.count + bytesPerBeat - 1) / bytesPerBeat }.reduce(0, +)
        XCTAssertEqual(sink.beatsReceived, beats, label)
        XCTAssertEqual(source.beatsSent, beats, label)
        XCTAssertEqual(source.framesSent, frames.count, label)
        XCTAssertEqual(sink.protocolErrors, [], label)
        if backPressure > 0 { XCTAssertGreaterThan(sink.stalledCycles, 0, "\(label): back-pressure was applied") }
        sim.step(agents: [source, sink], until: { false }, timeout: 5)
        XCTAssertEqual(sink.frames.count, frames.count, "\(label): nothing more arrives")
    }
}
