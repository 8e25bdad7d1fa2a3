import Foundation
import HDL
import TTPHardware
import TTPTestbench
import XCTest

/// The TX frame builder (`ttp_tx_builder`) in Verilator at every data width,
/// against `TTPFrame.encode()` (the wire format written from WIRE-FORMAT.md):
/// random descriptors and payloads in, every frame compared byte for byte.
/// Seeds are printed; replay with `HDL_SEED=<seed>`. With env `TTP_PCAP_DIR`
/// set, each run writes the frames the builder sent to
/// `<dir>/TxBuilderTests.<test>-dw<DW>.pcap`.
final class TxBuilderTests: XCTestCase {
    static let dataWidths = [64, 128, 256, 512]
    /// Six distinct non-zero bytes, so a byte put in the wrong place shows.
    static let localMAC = MACAddress(0x98ED_5C4B_A713)

    // MARK: - Tests

    /// Inputs always available, net_tx_tready always high: one beat every
    /// cycle from the first beat of the first frame to the last beat of the
    /// last, so frames follow each other with no idle cycle.
    func testFramesAreByteExactAndBackToBack() throws {
        var random = WireRandom.fromEnvironment()
        for dataWidth in Self.dataWidths {
            let parameters = Self.parameters(dataWidth: dataWidth)
            let frames = Self.frames(parameters, random: &random)
            let run = try runBench(parameters, frames: frames, conditions: .fullSpeed, random: &random)
            let label = "DW \(dataWidth), seed \(random.seed)"
            run.checkFrames(frames, label: label)
            let beats = frames.map { Self.beats($0, dataWidth: dataWidth) }.reduce(0, +)
            XCTAssertEqual(run.monitor.transfers, beats, label)
            XCTAssertEqual(run.monitor.activeSpan, beats, "\(label): an idle cycle between beats")
            print("\(name) DW \(dataWidth): \(frames.count) frames, \(beats) beats in \(run.monitor.activeSpan) cycles")
        }
    }

    /// Random back-pressure on net_tx, random idle cycles on the payload and
    /// descriptor streams, and junk in the payload stream's bytes past each
    /// payload: the same bytes arrive, and a refused beat stays unchanged.
    func testBackPressureAndIdleInputsKeepFramesExact() throws {
        var random = WireRandom.fromEnvironment()
        for dataWidth in Self.dataWidths {
            let parameters = Self.parameters(dataWidth: dataWidth)
            let frames = Self.frames(parameters, random: &random)
            let conditions = Conditions(
                netBackPressure: 0.4, payloadIdle: 0.3, descriptorIdle: 0.3, junkAfterPayload: true)
            let run = try runBench(parameters, frames: frames, conditions: conditions, random: &random)
            let label = "DW \(dataWidth), seed \(random.seed)"
            run.checkFrames(frames, label: label)
            XCTAssertGreaterThan(run.sink.stalledCycles, 0, "\(label): back-pressure was applied")
        }
    }

    /// Reset in the middle of a frame: the half-sent frame is abandoned, the
    /// outputs go quiet at once, and the frames after it are exact.
    func testResetInTheMiddleOfAFrame() throws {
        var random = WireRandom.fromEnvironment()
        for dataWidth in [64, 512] {
            let parameters = Self.parameters(dataWidth: dataWidth)
            let frames = Self.frames(parameters, random: &random)
            let run = try runBench(parameters, frames: frames, conditions: .fullSpeed, random: &random) { sim in
                Self.startAFrameThenReset(sim)
            }
            run.checkFrames(frames, label: "DW \(dataWidth) after a reset, seed \(random.seed)")
        }
    }

    /// Offers a 1,000-byte PAYLOAD, lets two beats out, then resets.
    static func startAFrameThenReset(_ sim: Simulator) {
        let inputs = ["desc_valid", "desc_opcode", "desc_payload_length", "pay_tvalid", "net_tx_tready"].map(sim.port)
        for (port, value) in zip(inputs, [1, 6, 1_000, 1, 1] as [UInt64]) { sim.set(port, value) }
        var beatsOut = 0
        for _ in 0..<20 where beatsOut < 2 {
            if sim.get(sim.port("net_tx_tvalid")) == 1 { beatsOut += 1 }
            sim.step()
        }
        XCTAssertEqual(beatsOut, 2, "the frame started")
        for port in inputs { sim.set(port, 0) }
        sim.reset()
        XCTAssertEqual(sim.get(sim.port("net_tx_tvalid")), 0, "net_tx_tvalid right after reset")
        XCTAssertEqual(sim.get(sim.port("pay_tready")), 0, "pay_tready right after reset")
    }

    /// Other generator parameters: jumbo payloads (beat counters grow) and
    /// another EtherType, at DW 256 under back-pressure.
    func testJumboPayloadsAndAnotherEtherType() throws {
        var random = WireRandom.fromEnvironment()
        var parameters = Self.parameters(dataWidth: 256)
        parameters.maxPayload = EndpointParameters.maxPayloadRange.upperBound
        parameters.etherType = 0x88B5
        let all = Self.frames(parameters, random: &random)
        let frames = Array(all.prefix(60)) + all.filter { $0.payload.count == parameters.maxPayload }.prefix(1)
        let conditions = Conditions(netBackPressure: 0.2, payloadIdle: 0.1, descriptorIdle: 0.1, junkAfterPayload: true)
        let run = try runBench(parameters, frames: frames, conditions: conditions, random: &random)
        run.checkFrames(frames, label: "seed \(random.seed)")
    }

    /// The emitted Verilog passes verilator -Wall, iverilog and yosys (no latches).
    func testVerilogPassesTheToolFlow() throws {
        for dataWidth in [64, 512] {
            XCTAssertNoThrow(try ToolFlowCheck.run(try Self.design(Self.parameters(dataWidth: dataWidth))), "DW \(dataWidth)")
        }
    }

    /// A run with back-pressure and idle inputs at DW 64, replayed in Icarus.
    func testIcarusAgreesWithVerilator() throws {
        var random = WireRandom.fromEnvironment()
        let parameters = Self.parameters(dataWidth: 64)
        let frames = Array(Self.frames(parameters, random: &random).prefix(25))
        let conditions = Conditions(netBackPressure: 0.3, payloadIdle: 0.2, descriptorIdle: 0.2, junkAfterPayload: true)
        let run = try runBench(parameters, frames: frames, conditions: conditions, random: &random, record: true)
        run.checkFrames(frames, label: "seed \(random.seed)")
        try run.sim.crossCheckWithIcarus()
    }

    /// The builder's frames of one run, read back by tshark with the TTPoE
    /// dissector: every field it shows matches the descriptor.
    func testTsharkReadsTheBuiltFrames() throws {
        guard let tshark = Tshark.locate() else { throw XCTSkip("tshark is not on PATH; run scripts/bootstrap") }
        var random = WireRandom.fromEnvironment()
        let parameters = Self.parameters(dataWidth: 128)
        let frames = Array(Self.frames(parameters, random: &random).prefix(120))
        let run = try runBench(parameters, frames: frames, conditions: .fullSpeed, random: &random)
        run.checkFrames(frames, label: "seed \(random.seed)")
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("TxBuilderTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pcap = directory.appendingPathComponent("tx.pcap")
        try run.writePcap(PcapWriter(url: pcap))
        let fields = [
            "ttpoe.opcode", "ttpoe.vc", "ttpoe.txid", "ttpoe.rxid", "ttpoe.length", "ttpoe.payload_length",
            "ttpoe.tth.length", "ttpoe.src_node", "ttpoe.dst_node", "_ws.col.Info",
        ]
        let rows = try tshark.fields(pcap: pcap, luaScript: RepositoryPaths.wiresharkDissector, fields: fields)
        XCTAssertEqual(rows.count, frames.count)
        for (index, (frame, row)) in zip(frames, rows).enumerated() {
            let length = frame.payload.count
            let expected = [
                hex(UInt64(frame.opcode.rawValue), digits: 2), String(frame.vc), String(frame.txID),
                String(frame.rxID), String(26 + length), String(length), String(46 + length),
                hex(frame.source.uint64 & 0xFF_FFFF, digits: 6), hex(frame.destination.uint64 & 0xFF_FFFF, digits: 6),
                "\(frame.opcode.mnemonic) tx=\(frame.txID) rx=\(frame.rxID) len=\(length)",
            ]
            XCTAssertEqual(row, expected, "frame \(index + 1), seed \(random.seed)")
        }
    }

    // MARK: - Stimulus

    /// One frame per opcode, PAYLOAD frames at the lengths where beats and
    /// padding change (0, 1, 3, 4, 5, B-1, B, B+1, around the extra last beat
    /// at B - o, maxPayload), and random frames, half of them PAYLOADs;
    /// shuffled, so every kind of frame follows every other.
    static func frames(_ parameters: EndpointParameters, random: inout WireRandom) -> [TTPFrame] {
        let maxPayload = parameters.maxPayload, etherType = parameters.etherType
        let b = parameters.dataWidth / 8, o = 60 % b
        let edges = [0, 1, 3, 4, 5, b - 1, b, b + 1, b - o - 1, b - o, b - o + 1, 2 * b + 3, maxPayload - 1, maxPayload]
        func payloadFrame(_ length: Int) -> TTPFrame {
            var frame = random.frame(from: localMAC, etherType: etherType, maxPayload: maxPayload)
            frame.opcode = .payload
            frame.payload = random.bytes(length)
            return frame
        }
        var frames = TTPOpcode.allCases.map { opcode in
            var frame = random.frame(from: localMAC, etherType: etherType, maxPayload: maxPayload)
            frame.opcode = opcode
            return frame
        }
        frames += Set(edges.filter { (0...maxPayload).contains($0) }).sorted().map(payloadFrame)
        frames += (0..<150).map { _ in random.frame(from: localMAC, etherType: etherType, maxPayload: maxPayload) }
        frames += (0..<150).map { _ in payloadFrame(random.payloadLength(max: maxPayload)) }
        return frames.shuffled(using: &random)
    }

    /// Output beats of `frame` on a `dataWidth` bus (padded to 64 bytes).
    static func beats(_ frame: TTPFrame, dataWidth: Int) -> Int {
        (frame.encode().count + dataWidth / 8 - 1) / (dataWidth / 8)
    }

    // MARK: - Bench

    struct Conditions {
        var netBackPressure = 0.0
        var payloadIdle = 0.0
        var descriptorIdle = 0.0
        /// Fill the payload stream's last beat past the payload with random
        /// bytes (all tkeep bits set): the builder must not send them.
        var junkAfterPayload = false

        static let fullSpeed = Conditions()
    }

    /// One finished simulation.
    struct Run {
        let sim: Simulator
        let sink: StreamSink
        let monitor: TxNetMonitor

        func checkFrames(_ frames: [TTPFrame], label: String) {
            XCTAssertEqual(sink.frames.count, frames.count, "\(label): frames out")
            var wrong = 0
            for (index, (frame, got)) in zip(frames, sink.frames).enumerated() where got.bytes != frame.encode() {
                wrong += 1
                guard wrong <= 5 else { continue }  // the first few tell the story
                let want = frame.encode()
                let at = zip(got.bytes, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(got.bytes.count, want.count)
                XCTFail("\(label): frame \(index) (\(frame)) differs from byte \(at): \(got.bytes.count) bytes, want \(want.count)")
            }
            XCTAssertEqual(wrong, 0, "\(label): frames that differ")
            XCTAssertEqual(sink.protocolErrors, [], label)
            XCTAssertEqual(Array(monitor.problems.prefix(5)), [], "\(label): \(monitor.problems.count) beat problems")
        }

        /// Every frame the builder sent, stamped with the cycle of its last beat.
        func writePcap(_ writer: PcapWriter) throws {
            for (frame, cycle) in zip(sink.frames, monitor.frameEndCycles) {
                try writer.write(frame.bytes, cycle: UInt64(cycle))
            }
            try writer.close()
        }
    }

    static func parameters(dataWidth: Int) -> EndpointParameters {
        var parameters = EndpointParameters()
        parameters.dataWidth = dataWidth
        return parameters
    }

    /// One emitted design (and so one Verilator build) per parameter set for all tests.
    static func design(_ parameters: EndpointParameters) throws -> EmittedDesign {
        try DesignCache.design("tx/\(parameters.dataWidth)/\(parameters.maxPayload)/\(parameters.etherType)") {
            TxBuilder(parameters)
        }
    }

    /// Sends `frames` (descriptors and payloads) through the builder and
    /// collects what it emits, until every frame is out or a generous timeout.
    func runBench(
        _ parameters: EndpointParameters, frames: [TTPFrame], conditions: Conditions, random: inout WireRandom,
        record: Bool = false, prelude: ((Simulator) -> Void)? = nil, function: String = #function
    ) throws -> Run {
        let dataWidth = parameters.dataWidth
        let sim = try Simulator(design: try Self.design(parameters), name: "\(function)-dw\(dataWidth)")
        if record { sim.startRecording() }
        sim.set(sim.port("cfg_local_mac"), Self.localMAC.uint64)
        sim.reset()
        prelude?(sim)
        let descriptors = TxDescriptorAgent(sim, idle: .random(probability: conditions.descriptorIdle, seed: random.next()))
        let payload = StreamSource(sim, prefix: "pay", idle: .random(probability: conditions.payloadIdle, seed: random.next()))
        let sink = StreamSink(sim, prefix: "net_tx", backPressure: .random(probability: conditions.netBackPressure, seed: random.next()))
        let monitor = TxNetMonitor(sim)
        let b = dataWidth / 8
        for frame in frames {
            descriptors.send(frame)
            guard !frame.payload.isEmpty else { continue }
            var bytes = frame.payload
            if conditions.junkAfterPayload, bytes.count % b != 0 { bytes += random.bytes(b - bytes.count % b) }
            payload.send(bytes)
        }
        let beats = frames.map { Self.beats($0, dataWidth: dataWidth) }.reduce(0, +)
        let finished = sim.step(
            agents: [descriptors, payload, sink, monitor], until: { sink.frames.count == frames.count },
            timeout: 20 + beats * 10)
        XCTAssertTrue(finished, "DW \(dataWidth): \(sink.frames.count) of \(frames.count) frames out")
        sim.step(agents: [descriptors, payload, sink, monitor], until: { false }, timeout: 10)
        XCTAssertEqual(sink.frames.count, frames.count, "DW \(dataWidth): nothing more comes out")
        XCTAssertTrue(descriptors.isDone && payload.isDone, "DW \(dataWidth): every descriptor and payload beat taken")
        let run = Run(sim: sim, sink: sink, monitor: monitor)
        let testName = function.hasSuffix("()") ? String(function.dropLast(2)) : function
        if let writer = try PcapWriter.fromEnvironment(name: "TxBuilderTests.\(testName)-dw\(dataWidth)") {
            try run.writePcap(writer)
        }
        return run
    }
}

/// `value` as tshark prints a hex field: `0x`, lower case, zero-padded to `digits`.
private func hex(_ value: UInt64, digits: Int) -> String {
    let text = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
}
