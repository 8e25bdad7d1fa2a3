import XCTest
import HDL
import TTPHardware
import TTPTestbench

/// `ttp_rx_parser` simulated in Verilator at every data width against the
/// Swift wire reference (`TTPFrame.decode`, `TTPDropReason`): random valid
/// frames back to back at line rate, the same under idle input and
/// back-pressure (payload buffer full, header FIFO full), and every drop
/// reason mixed with good frames. Seeds are printed (`HDL_SEED` replays);
/// with `TTP_PCAP_DIR` set, each test writes the frames it sends to
/// `<dir>/<test>.pcap`.
final class RxParserTests: XCTestCase {
    /// Six distinct non-zero bytes, so a byte compared in the wrong place shows.
    static let localMAC = MACAddress(0x02_5A_17_C3_9E_41)

    // MARK: line rate

    func testValidFramesAtLineRate64() throws { try lineRate(dataWidth: 64) }
    func testValidFramesAtLineRate128() throws { try lineRate(dataWidth: 128) }
    func testValidFramesAtLineRate256() throws { try lineRate(dataWidth: 256) }
    func testValidFramesAtLineRate512() throws { try lineRate(dataWidth: 512) }

    /// Valid frames (payloads 0...maxPayload, beat-boundary sizes often) with
    /// no idle cycle between them and both outputs always ready: every beat is
    /// taken in its cycle, every record and payload byte matches, nothing is
    /// refused for room, and the outputs finish shortly after the input.
    private func lineRate(dataWidth: Int, name: String = #function) throws {
        var random = WireRandom.fromEnvironment("\(name) w\(dataWidth)")
        let bench = try RxBench(dataWidth: dataWidth, pcapName: name)
        let maxPayload = bench.parameters.maxPayload
        for _ in 0..<400 {
            bench.send(Self.randomFrame(&random, length: Self.edgyLength(&random, bytesPerBeat: dataWidth / 8, max: maxPayload)))
        }
        let totalBeats = bench.beatsQueued
        bench.runUntilDrained()
        bench.verify(allowOverflow: false)

        XCTAssertEqual(bench.readyLowCycles, 0, "net_rx_tready went low")
        let inputCycles = bench.lastBeatCycle - bench.firstBeatCycle + 1
        XCTAssertEqual(inputCycles, totalBeats, "the beats entered in exactly one cycle each")
        XCTAssertEqual(bench.records.filter(\.payloadDropped).count, 0, "no payload refused at line rate")
        XCTAssertEqual(bench.payloadGaps, 0, "cycles without a beat inside a payload packet")
        let recordLatency = bench.lastRecordCycle - bench.lastBeatCycle
        let payloadLatency = bench.lastPayloadCycle - bench.lastBeatCycle
        let maxPayloadBeats = (maxPayload + dataWidth / 8 - 1) / (dataWidth / 8)
        let recordDelay = RxParser.recordDelay
        XCTAssertLessThanOrEqual(recordLatency, recordDelay, "last record after the last input beat")
        let payloadDelay = RxParser.decisionDelay + RxPayloadBuffer.readLatency
        XCTAssertLessThanOrEqual(payloadLatency, maxPayloadBeats + payloadDelay, "last payload beat after the last input beat")
        print("RxParser w\(dataWidth): \(bench.frames.count) frames, \(totalBeats) input beats in \(inputCycles) cycles;"
              + " last record \(recordLatency) cycles and last payload beat \(payloadLatency) cycles after the last input beat;"
              + " \(bench.payloadBeatsDelivered) payload beats out")
    }

    /// The bytes of a random frame to the parser, with a `length`-byte
    /// payload (any opcode: the parser does not care) and random ignored fields.
    static func randomFrame(_ random: inout WireRandom, length: Int) -> [UInt8] {
        var frame = random.frame(to: localMAC)
        frame.payload = random.bytes(length)
        var bytes = frame.encode()
        random.scrambleIgnoredFields(&bytes)
        return bytes
    }

    /// A payload length in 0...max, half the time one at a beat boundary of
    /// the input (the header ends 60 mod B bytes into a beat) or the output.
    static func edgyLength(_ random: inout WireRandom, bytesPerBeat b: Int, max: Int) -> Int {
        let o = 60 % b
        let edges = [0, 1, 2, 3, 4, 5, b - o - 1, b - o, b - o + 1, b - 1, b, b + 1, 2 * b - o, 2 * b - o + 1,
                     2 * b - 1, 2 * b, 2 * b + 1, max - 1, max]
            .filter { (0...max).contains($0) }
        if random.chance(0.5) { return edges.randomElement(using: &random)! }
        return Int.random(in: 0...max, using: &random)
    }

    // MARK: idle, back-pressure, full buffers

    func testBackPressureAndFullBuffers64() throws { try backPressure(dataWidth: 64) }
    func testBackPressureAndFullBuffers128() throws { try backPressure(dataWidth: 128) }
    func testBackPressureAndFullBuffers256() throws { try backPressure(dataWidth: 256) }
    func testBackPressureAndFullBuffers512() throws { try backPressure(dataWidth: 512) }

    /// A parser with a small maxPayload (256: a payload buffer of 8 to 64
    /// beats). Random idle input cycles; `pay_tready` and `hdr_ready` low in
    /// bursty phases, so the payload buffer fills (records with
    /// payload_dropped) and the header FIFO fills (frames lost whole, counted
    /// in drop_overflow).
    /// Every record and payload that does come out is exact; a record says
    /// payload_dropped only when the buffer really lacked room.
    private func backPressure(dataWidth: Int, name: String = #function) throws {
        var random = WireRandom.fromEnvironment("\(name) w\(dataWidth)")
        let bench = try RxBench(dataWidth: dataWidth, maxPayload: 256, pcapName: name)
        let maxPayload = bench.parameters.maxPayload
        bench.idle = .random(probability: 0.2, seed: random.next())
        // A first stall long enough for dozens of frames, so the payload
        // buffer fills whatever the random phases after it do.
        bench.payStall = .pattern(Array(repeating: true, count: 400)
                                  + Self.phases(&random, length: 40_000, busy: 0.9, calm: 0.1))
        // Record-stall phases long enough for the records to fill at every width.
        let longest = 600 * 512 / dataWidth
        bench.hdrStall = .pattern(Self.phases(&random, length: 40_000, busy: 0.97, calm: 0.05, longest: longest))
        for _ in 0..<400 {
            // Long payloads fill the payload buffer, bursts of short frames the records.
            if random.chance(0.05) {
                for _ in 0..<(bench.recordCapacity + 4) { bench.send(Self.randomFrame(&random, length: 0)) }
            }
            let length = random.chance(0.4)
                ? Int.random(in: (maxPayload * 3 / 4)...maxPayload, using: &random)
                : Self.edgyLength(&random, bytesPerBeat: dataWidth / 8, max: maxPayload)
            bench.send(Self.randomFrame(&random, length: length))
        }
        bench.runUntilDrained()
        bench.verify(allowOverflow: true)
        XCTAssertEqual(bench.readyLowCycles, 0, "net_rx_tready went low")
        let refused = bench.records.filter(\.payloadDropped).count
        XCTAssertGreaterThan(refused, 0, "the payload buffer filled at least once")
        XCTAssertGreaterThan(bench.overflowedFrames.count, 0, "the records filled at least once")
        print("RxParser w\(dataWidth) under back-pressure: \(bench.records.count) records, \(refused) with payload_dropped,"
              + " \(bench.overflowedFrames.count) frames lost to a full header FIFO, \(bench.sim.cycle) cycles")
    }

    /// Alternating phases of 50...`longest` cycles: stall with probability `busy`, then `calm`.
    static func phases(_ random: inout WireRandom, length: Int, busy: Double, calm: Double, longest: Int = 600) -> [Bool] {
        var pattern: [Bool] = []
        var stalling = false
        while pattern.count < length {
            let run = Int.random(in: 50...longest, using: &random)
            for _ in 0..<run { pattern.append(random.chance(stalling ? busy : calm)) }
            stalling.toggle()
        }
        return pattern
    }

    // MARK: record overflow

    func testRecordOverflow64() throws { try recordOverflow(dataWidth: 64) }
    func testRecordOverflow512() throws { try recordOverflow(dataWidth: 512) }

    /// `hdr_ready` held low while capacity + 7 short frames arrive back to
    /// back: exactly the 7 past the capacity are lost (drop_overflow = 7),
    /// the others come out intact once `hdr_ready` rises, and so do frames
    /// sent after that.
    private func recordOverflow(dataWidth: Int, name: String = #function) throws {
        var random = WireRandom.fromEnvironment("\(name) w\(dataWidth)")
        let bench = try RxBench(dataWidth: dataWidth, pcapName: name)
        let capacity = bench.recordCapacity, extra = 7
        bench.hdrStall = .pattern(Array(repeating: true, count: 400) + Array(repeating: false, count: 100_000))
        for _ in 0..<(capacity + extra) { bench.send(Self.randomFrame(&random, length: Int.random(in: 0...4, using: &random))) }
        bench.runUntilDrained()
        XCTAssertEqual(bench.overflowedFrames, Set(capacity..<(capacity + extra)), "the frames past the capacity are lost")
        for _ in 0..<20 { bench.send(Self.randomFrame(&random, length: Int.random(in: 0...100, using: &random))) }
        bench.runUntilDrained()
        bench.verify(allowOverflow: true)
        XCTAssertEqual(bench.records.count, capacity + 20)
    }

    // MARK: reset

    func testResetInTheMiddleOfAFrame64() throws { try resetMidFrame(dataWidth: 64) }
    func testResetInTheMiddleOfAFrame512() throws { try resetMidFrame(dataWidth: 512) }

    /// A whole frame whose record and payload wait (outputs not ready), then
    /// half of another, then reset: nothing of either ever comes out, the
    /// counters are zero, and the frames sent after the reset are exact.
    private func resetMidFrame(dataWidth: Int, name: String = #function) throws {
        var random = WireRandom.fromEnvironment("\(name) w\(dataWidth)")
        let bench = try RxBench(dataWidth: dataWidth, pcapName: name)
        let sim = bench.sim, b = dataWidth / 8
        var first = random.frame(to: Self.localMAC), second = random.frame(to: Self.localMAC)
        first.payload = random.bytes(300)
        second.payload = random.bytes(600)
        let beats = RxBench.beats(of: first.encode(), bytesPerBeat: b)
            + RxBench.beats(of: second.encode(), bytesPerBeat: b).prefix { !$0.last }.prefix(3)
        for name in ["hdr_ready", "pay_tready", "net_rx_tuser"] { sim.set(sim.port(name), 0) }
        for beat in beats {
            for (name, value) in [("net_rx_tdata", beat.data), ("net_rx_tkeep", beat.keep)] { sim.set(sim.port(name), value) }
            sim.set(sim.port("net_rx_tlast"), beat.last ? 1 : 0)
            sim.set(sim.port("net_rx_tvalid"), 1)
            sim.step()
        }
        sim.step(4)
        XCTAssertEqual(sim.get(sim.port("hdr_valid")), 1, "the first frame's record waits")
        sim.set(sim.port("net_rx_tvalid"), 0)
        sim.reset()
        XCTAssertEqual(sim.get(sim.port("hdr_valid")), 0, "no record right after reset")
        XCTAssertEqual(sim.get(sim.port("pay_tvalid")), 0, "no payload right after reset")
        for counter in RxBench.counterNames { XCTAssertEqual(sim.get(sim.port(counter)), 0, counter) }
        for _ in 0..<50 {
            bench.send(Self.randomFrame(&random, length: Self.edgyLength(&random, bytesPerBeat: b, max: bench.parameters.maxPayload)))
        }
        bench.runUntilDrained()
        bench.verify(allowOverflow: false)
    }

    // MARK: drop reasons

    func testDropReasons64() throws { try dropReasons(dataWidth: 64) }
    func testDropReasons128() throws { try dropReasons(dataWidth: 128) }
    func testDropReasons256() throws { try dropReasons(dataWidth: 256) }
    func testDropReasons512() throws { try dropReasons(dataWidth: 512) }

    /// Frames broken for each reason (tuser = 1 for badFCS, also on frames
    /// broken otherwise, since FCS comes first; payloads over maxPayload for
    /// badLength too) between good frames, back to back: after each frame
    /// exactly the right counter has moved by one, and the good frames come
    /// out intact.
    private func dropReasons(dataWidth: Int, name: String = #function) throws {
        var random = WireRandom.fromEnvironment("\(name) w\(dataWidth)")
        let bench = try RxBench(dataWidth: dataWidth, pcapName: name)
        Self.queueMixedFrames(bench, &random, count: 300)
        bench.runUntilDrained()
        bench.verify(allowOverflow: false)
        XCTAssertEqual(bench.readyLowCycles, 0, "net_rx_tready went low")
        for reason in TTPDropReason.allCases {
            XCTAssertGreaterThan(bench.expectedCounts[reason.rawValue], 0, "\(reason) was exercised")
        }
    }

    /// Good and broken frames in random order, each broken kind several
    /// times, and every boundary frame once, at random places among them.
    static func queueMixedFrames(_ bench: RxBench, _ random: inout WireRandom, count: Int) {
        let maxPayload = bench.parameters.maxPayload
        var boundaries = random.boundaryFrames(localMAC: localMAC, maxPayload: maxPayload)
        for index in 0..<count {
            if !boundaries.isEmpty && random.chance(Double(boundaries.count) / Double(count - index)) {
                let frame = boundaries.removeLast()
                bench.send(frame.bytes, badFCS: frame.badFCS, label: frame.label)
                continue
            }
            let pick = Int.random(in: 0..<(TTPDropReason.allCases.count + 4), using: &random)
            if pick < TTPDropReason.allCases.count {
                let reason = TTPDropReason(rawValue: pick)!
                var bytes = random.malformedFrame(reason, localMAC: localMAC, maxPayload: maxPayload)
                // Often break a second rule too: the reference's order decides.
                if random.chance(0.4) { corruptHeaderField(&bytes, &random) }
                bench.send(bytes, badFCS: reason == .badFCS || random.chance(0.3))
            } else if pick == TTPDropReason.allCases.count {
                // Longer than the parser's maxPayload: badLength.
                bench.send(randomFrame(&random, length: Int.random(in: (maxPayload + 1)...(maxPayload + 100), using: &random)))
            } else {
                bench.send(randomFrame(&random, length: edgyLength(&random, bytesPerBeat: bench.bytesPerBeat, max: maxPayload)))
            }
        }
        for frame in boundaries { bench.send(frame.bytes, badFCS: frame.badFCS, label: frame.label) }
    }

    /// Overwrites one byte some receive rule reads (destination, EtherType,
    /// tthl, TTH length, TSH length, opcode) with a random value.
    static func corruptHeaderField(_ bytes: inout [UInt8], _ random: inout WireRandom) {
        let offsets = [0, 3, 5, 12, 13, 14, 16, 17, 40, 41, 42].filter { $0 < bytes.count }
        guard let offset = offsets.randomElement(using: &random) else { return }
        bytes[offset] = UInt8.random(in: 0...255, using: &random)
    }

    // MARK: tool flow and Icarus

    func testEmitsCleanVerilog64() throws { try ToolFlowCheck.run(RxBench.design(dataWidth: 64)) }
    func testEmitsCleanVerilog512() throws { try ToolFlowCheck.run(RxBench.design(dataWidth: 512)) }

    /// The largest payload (8,940 bytes, a 9,000-byte jumbo frame) elaborates
    /// at both ends of the width range, with a buffer of two such payloads.
    func testJumboPayloadElaborates() throws {
        for width in [64, 512] {
            var parameters = EndpointParameters()
            parameters.dataWidth = width
            parameters.maxPayload = EndpointParameters.maxPayloadRange.upperBound
            let parser = RxParser(parameters)
            XCTAssertGreaterThanOrEqual(parser.payloadBufferEntries, 2 * ((8940 + width / 8 - 1) / (width / 8)))
            XCTAssertEqual(try VerilogEmitter.emit(parser).top, "ttp_rx_parser")
        }
    }

    /// A short mixed run with idle and back-pressure, replayed in Icarus,
    /// which must agree with Verilator on every output.
    func testIcarusAgrees64() throws {
        var random = WireRandom.fromEnvironment()
        let bench = try RxBench(dataWidth: 64, pcapName: #function, recording: true)
        bench.idle = .random(probability: 0.2, seed: random.next())
        bench.payStall = .random(probability: 0.3, seed: random.next())
        bench.hdrStall = .random(probability: 0.3, seed: random.next())
        Self.queueMixedFrames(bench, &random, count: 30)
        bench.runUntilDrained()
        bench.verify(allowOverflow: false)
        try bench.sim.crossCheckWithIcarus()
    }
}
