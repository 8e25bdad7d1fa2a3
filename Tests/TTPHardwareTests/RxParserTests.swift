import XCTest
import HDL
import TTPHardware
import TTPTestSupport

/// `ttp_rx_parser` simulated in Verilator at every data width against the
/// Swift wire reference (`TTPFrame.decode`, `TTPDropReason`): random valid
/// frames back to back at line rate, the same under idle input and
/// back-pressure (payload buffer full, header FIFO full), and every drop
/// reason mixed with good frames. Seeds are printed (`HDL_SEED` replays);
/// with `TTP_PCAP_DIR` set, each test writes the frames it sends to
/// `<dir>/<test>.pcap`.
final class RxParserTests: XCTestCase {
    static let localMAC = MACAddress(0x02_5A_17_00_00_01)

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
            var frame = random.frame(to: Self.localMAC)
            frame.payload = random.bytes(Self.edgyLength(&random, bytesPerBeat: dataWidth / 8, max: maxPayload))
            bench.send(frame.encode())
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
        XCTAssertLessThanOrEqual(recordLatency, 4, "last record after the last input beat")
        XCTAssertLessThanOrEqual(payloadLatency, maxPayloadBeats + 4, "last payload beat after the last input beat")
        print("RxParser w\(dataWidth): \(bench.frames.count) frames, \(totalBeats) input beats in \(inputCycles) cycles;"
              + " last record \(recordLatency) cycles and last payload beat \(payloadLatency) cycles after the last input beat;"
              + " \(bench.payloadBeatsDelivered) payload beats out")
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
        bench.payStall = .pattern(Self.phases(&random, length: 40_000, busy: 0.9, calm: 0.1))
        bench.hdrStall = .pattern(Self.phases(&random, length: 40_000, busy: 0.92, calm: 0.05))
        for _ in 0..<400 {
            var frame = random.frame(to: Self.localMAC)
            let length = random.chance(0.4)
                ? Int.random(in: (maxPayload * 3 / 4)...maxPayload, using: &random)
                : Self.edgyLength(&random, bytesPerBeat: dataWidth / 8, max: maxPayload)
            frame.payload = random.bytes(length)
            bench.send(frame.encode())
        }
        bench.runUntilDrained()
        bench.verify(allowOverflow: true)
        XCTAssertEqual(bench.readyLowCycles, 0, "net_rx_tready went low")
        let refused = bench.records.filter(\.payloadDropped).count
        XCTAssertGreaterThan(refused, 0, "the payload buffer filled at least once")
        print("RxParser w\(dataWidth) under back-pressure: \(bench.records.count) records, \(refused) with payload_dropped,"
              + " \(bench.overflowedFrames.count) frames lost to a full header FIFO, \(bench.sim.cycle) cycles")
    }

    /// Alternating phases of 50...600 cycles: stall with probability `busy`, then `calm`.
    static func phases(_ random: inout WireRandom, length: Int, busy: Double, calm: Double) -> [Bool] {
        var pattern: [Bool] = []
        var stalling = false
        while pattern.count < length {
            let run = Int.random(in: 50...600, using: &random)
            for _ in 0..<run { pattern.append(random.chance(stalling ? busy : calm)) }
            stalling.toggle()
        }
        return pattern
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

    /// Good and broken frames in random order, each broken kind several times.
    static func queueMixedFrames(_ bench: RxBench, _ random: inout WireRandom, count: Int) {
        let maxPayload = bench.parameters.maxPayload
        for _ in 0..<count {
            let pick = Int.random(in: 0..<(TTPDropReason.allCases.count + 4), using: &random)
            if pick < TTPDropReason.allCases.count {
                let reason = TTPDropReason(rawValue: pick)!
                var bytes = random.malformedFrame(reason, localMAC: localMAC, maxPayload: maxPayload)
                // Often break a second rule too: the reference's order decides.
                if random.chance(0.4) { corruptHeaderField(&bytes, &random) }
                bench.send(bytes, badFCS: reason == .badFCS || random.chance(0.3))
            } else if pick == TTPDropReason.allCases.count {
                // Longer than the parser's maxPayload: badLength.
                var frame = random.frame(to: localMAC)
                frame.payload = random.bytes(Int.random(in: (maxPayload + 1)...(maxPayload + 100), using: &random))
                bench.send(frame.encode())
            } else {
                var frame = random.frame(to: localMAC)
                frame.payload = random.bytes(edgyLength(&random, bytesPerBeat: bench.bytesPerBeat, max: maxPayload))
                bench.send(frame.encode())
            }
        }
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
            XCTAssertGreaterThanOrEqual(parser.payloadBufferBeats, 2 * ((8940 + width / 8 - 1) / (width / 8)))
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

/// A `ttp_rx_parser` simulation with a cycle-by-cycle bench: drives queued
/// frames on `net_rx_*`, takes records and payloads with the configured
/// stalls, checks the drop counters after every frame, and compares
/// everything with the reference at the end.
final class RxBench {
    struct Record {
        var opcode: UInt64, vc: UInt64, peer: UInt64, txID: UInt64, rxID: UInt64
        var length: Int
        var payloadDropped: Bool
    }

    struct SentFrame {
        var bytes: [UInt8]
        var badFCS: Bool
        var expected: Result<TTPFrame, TTPDropReason>
        /// Payload beats taken from `pay_*` before the frame's header beat.
        var deliveredAtHeader = 0
    }

    private struct Beat {
        let frame: Int
        let index: Int
        let data: BitVector
        let keep: BitVector
        let last: Bool
    }

    let sim: Simulator
    let parameters: EndpointParameters
    let bytesPerBeat: Int
    let bufferBeats: Int
    let headerBeat: Int
    var idle = StallGenerator.never
    var payStall = StallGenerator.never
    var hdrStall = StallGenerator.never

    private(set) var frames: [SentFrame] = []
    private var beats: [Beat] = []
    private var nextBeat = 0
    private(set) var records: [Record] = []
    private(set) var payloads: [[UInt8]] = []
    private var partial: [UInt8] = []
    private(set) var payloadBeatsDelivered = 0
    private(set) var firstBeatCycle = -1
    private(set) var lastBeatCycle = -1
    private(set) var lastRecordCycle = -1
    private(set) var lastPayloadCycle = -1
    private(set) var readyLowCycles = 0
    /// Cycles between two beats of one payload packet (0 when it streams without a break).
    private(set) var payloadGaps = 0
    private var midPacket = false
    /// Counter values expected after the frames seen so far (overflow: as read).
    private(set) var expectedCounts = [Int](repeating: 0, count: 8)
    /// Frames the header FIFO had no room for (drop_overflow moved on their last beat).
    private(set) var overflowedFrames: Set<Int> = []
    private let pcap: PcapWriter?

    private let tdata, tkeep, tvalid, tready, tlast, tuser: PortHandle
    private let hdrValid, hdrReady, hdrFields: PortHandle, hdrOthers: [PortHandle]
    private let payTdata, payTkeep, payTvalid, payTready, payTlast: PortHandle
    private let counters: [PortHandle]

    static let counterNames = ["drop_bad_fcs", "drop_wrong_ethertype", "drop_wrong_destination", "drop_too_short",
                               "drop_bad_header_length", "drop_bad_length", "drop_bad_opcode", "drop_overflow"]

    // One emitted design per width, shared by the tests (Verilator builds are
    // cached by content, so each width is compiled once).
    nonisolated(unsafe) private static var designs: [String: EmittedDesign] = [:]
    private static let lock = NSLock()

    static func parameters(dataWidth: Int, maxPayload: Int) -> EndpointParameters {
        var parameters = EndpointParameters()
        parameters.dataWidth = dataWidth
        parameters.maxPayload = maxPayload
        return parameters
    }

    static func design(dataWidth: Int, maxPayload: Int = 1024) throws -> EmittedDesign {
        lock.lock()
        defer { lock.unlock() }
        let key = "\(dataWidth)/\(maxPayload)"
        if let design = designs[key] { return design }
        let design = try VerilogEmitter.emit(RxParser(parameters(dataWidth: dataWidth, maxPayload: maxPayload)))
        designs[key] = design
        return design
    }

    init(dataWidth: Int, maxPayload: Int = 1024, pcapName: String, recording: Bool = false) throws {
        parameters = Self.parameters(dataWidth: dataWidth, maxPayload: maxPayload)
        let parser = RxParser(parameters)
        bufferBeats = parser.payloadBufferBeats
        bytesPerBeat = dataWidth / 8
        headerBeat = 59 / bytesPerBeat
        sim = try Simulator(design: try Self.design(dataWidth: dataWidth, maxPayload: maxPayload),
                            name: "\(pcapName)_w\(dataWidth)")
        pcap = try PcapWriter.fromEnvironment(name: pcapName.replacingOccurrences(of: "()", with: ""))
        (tdata, tkeep, tvalid, tready) = (sim.port("net_rx_tdata"), sim.port("net_rx_tkeep"),
                                          sim.port("net_rx_tvalid"), sim.port("net_rx_tready"))
        (tlast, tuser) = (sim.port("net_rx_tlast"), sim.port("net_rx_tuser"))
        (hdrValid, hdrReady, hdrFields) = (sim.port("hdr_valid"), sim.port("hdr_ready"), sim.port("hdr_opcode"))
        hdrOthers = ["hdr_vc", "hdr_peer_mac", "hdr_tx_id", "hdr_rx_id", "hdr_payload_length", "hdr_payload_dropped"]
            .map(sim.port)
        (payTdata, payTkeep, payTvalid) = (sim.port("pay_tdata"), sim.port("pay_tkeep"), sim.port("pay_tvalid"))
        (payTready, payTlast) = (sim.port("pay_tready"), sim.port("pay_tlast"))
        counters = Self.counterNames.map(sim.port)
        if recording { sim.startRecording() }
        sim.set(sim.port("cfg_local_mac"), RxParserTests.localMAC.uint64)
        sim.set(tvalid, 0)
        sim.reset()
    }

    var beatsQueued: Int { beats.count }

    /// Queues a frame; `badFCS` raises tuser on its last beat.
    func send(_ bytes: [UInt8], badFCS: Bool = false) {
        let expected: Result<TTPFrame, TTPDropReason> = badFCS
            ? .failure(.badFCS)
            : TTPFrame.decode(bytes, etherType: parameters.etherType, localMAC: RxParserTests.localMAC,
                              maxPayload: parameters.maxPayload)
        let frame = frames.count
        frames.append(SentFrame(bytes: bytes, badFCS: badFCS, expected: expected))
        let count = (bytes.count + bytesPerBeat - 1) / bytesPerBeat
        for index in 0..<count {
            let chunk = Array(bytes[(index * bytesPerBeat)..<min(bytes.count, (index + 1) * bytesPerBeat)])
            var keep = BitVector(width: bytesPerBeat)
            for byte in 0..<chunk.count { keep[bit: byte] = true }
            beats.append(Beat(frame: frame, index: index,
                              data: BitVector(bytesLittleEndian: chunk, width: bytesPerBeat * 8),
                              keep: keep, last: index == count - 1))
        }
    }

    /// Runs until every beat is in and every expected record and payload is out.
    func runUntilDrained(timeout: Int = 400_000) {
        var quiet = 0
        for _ in 0..<timeout {
            cycle()
            // Done when the input is in and the outputs have been silent for a while.
            quiet = (nextBeat == beats.count && sim.get(hdrValid) == 0 && sim.get(payTvalid) == 0) ? quiet + 1 : 0
            if quiet > 40 { return }
        }
        XCTFail("the bench did not drain in \(timeout) cycles")
    }

    private func cycle() {
        let beat: Beat? = nextBeat < beats.count && !idle.next() ? beats[nextBeat] : nil
        sim.set(tvalid, beat == nil ? 0 : 1)
        if let beat {
            sim.set(tdata, beat.data)
            sim.set(tkeep, beat.keep)
            sim.set(tlast, beat.last ? 1 : 0)
            sim.set(tuser, beat.last && frames[beat.frame].badFCS ? 1 : 0)
        }
        let takeRecord = !hdrStall.next(), takePayload = !payStall.next()
        sim.set(hdrReady, takeRecord ? 1 : 0)
        sim.set(payTready, takePayload ? 1 : 0)

        let taken = beat != nil && sim.get(tready) == 1
        if sim.get(tready) != 1 { readyLowCycles += 1 }
        if let beat, taken {
            if firstBeatCycle < 0 { firstBeatCycle = sim.cycle }
            lastBeatCycle = sim.cycle
            if beat.index == 0 { try? pcap?.write(frames[beat.frame].bytes, cycle: UInt64(sim.cycle)) }
            if beat.index == headerBeat { frames[beat.frame].deliveredAtHeader = payloadBeatsDelivered }
        }
        if takeRecord && sim.get(hdrValid) == 1 { takeRecordNow() }
        if takePayload && sim.get(payTvalid) == 1 { takePayloadBeat() }
        sim.step()
        if let beat, taken {
            nextBeat += 1
            if beat.last { checkCounters(after: beat.frame) }
        }
    }

    private func takeRecordNow() {
        let values = hdrOthers.map { sim.get($0) }
        records.append(Record(opcode: sim.get(hdrFields), vc: values[0], peer: values[1], txID: values[2],
                              rxID: values[3], length: Int(values[4]), payloadDropped: values[5] == 1))
        lastRecordCycle = sim.cycle
    }

    private func takePayloadBeat() {
        let data = sim.getBits(payTdata), keep = sim.getBits(payTkeep)
        let last = sim.get(payTlast) == 1
        let kept = (0..<bytesPerBeat).filter { keep[bit: $0] }
        if last {
            XCTAssert(!kept.isEmpty && kept == Array(0..<kept.count), "last beat's tkeep \(keep) is contiguous from 0")
        } else {
            XCTAssertEqual(kept.count, bytesPerBeat, "tkeep all ones before the last beat, cycle \(sim.cycle)")
        }
        partial += kept.map { data.byte($0) }
        payloadBeatsDelivered += 1
        if midPacket { payloadGaps += sim.cycle - lastPayloadCycle - 1 }
        midPacket = !last
        lastPayloadCycle = sim.cycle
        if last {
            payloads.append(partial)
            partial = []
        }
    }

    /// After a frame's last beat: exactly its drop reason's counter moved
    /// (for an accepted frame, only drop_overflow may have, if the header FIFO was full).
    private func checkCounters(after frame: Int) {
        let seen = counters.map { Int(sim.get($0)) }
        switch frames[frame].expected {
        case .failure(let reason): expectedCounts[reason.rawValue] += 1
        case .success:
            if seen[7] == expectedCounts[7] + 1 {
                expectedCounts[7] += 1
                overflowedFrames.insert(frame)
            }
        }
        XCTAssertEqual(seen, expectedCounts, "drop counters after frame \(frame) (\(frames[frame].expected))")
        expectedCounts = seen  // report each wrong count once, not again after every later frame
    }

    /// Records and payloads against the reference, and the payload_dropped rule.
    func verify(allowOverflow: Bool, file: StaticString = #filePath, line: UInt = #line) {
        if !allowOverflow {
            XCTAssertTrue(overflowedFrames.isEmpty, "frames lost to a full header FIFO", file: file, line: line)
        }
        let accepted: [(index: Int, frame: TTPFrame)] = frames.indices.compactMap { i in
            guard case .success(let frame) = frames[i].expected, !overflowedFrames.contains(i) else { return nil }
            return (i, frame)
        }
        XCTAssertEqual(records.count, accepted.count, "header records", file: file, line: line)
        var expectedPayloads: [[UInt8]] = []
        var committedBeats = 0
        for (record, (index, frame)) in zip(records, accepted) {
            let expected = Record(opcode: UInt64(frame.opcode.rawValue), vc: UInt64(frame.vc), peer: frame.source.uint64,
                                  txID: UInt64(frame.txID), rxID: UInt64(frame.rxID), length: frame.payload.count,
                                  payloadDropped: record.payloadDropped)
            guard "\(record)" == "\(expected)" else {
                XCTFail("record of frame \(index): got \(record), expected \(expected)", file: file, line: line)
                return
            }
            let beats = (frame.payload.count + bytesPerBeat - 1) / bytesPerBeat
            checkRoom(frame: index, beats: beats, committed: committedBeats, refused: record.payloadDropped)
            if !record.payloadDropped && beats > 0 {
                expectedPayloads.append(frame.payload)
                committedBeats += beats
            }
        }
        XCTAssertEqual(payloads.count, expectedPayloads.count, "payload packets", file: file, line: line)
        if let bad = zip(payloads, expectedPayloads).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            XCTFail("payload \(bad.offset): got \(bad.element.0.count) bytes, expected \(bad.element.1.count),"
                    + " first difference at byte \(Array(zip(bad.element.0, bad.element.1)).firstIndex { $0 != $1 } ?? -1)",
                    file: file, line: line)
        }
    }

    /// The buffer held `committed - delivered` beats (less up to 2 in the
    /// read-ahead registers) at the frame's header beat: payload_dropped must
    /// mean it could not take `beats` more, and its absence that it could.
    private func checkRoom(frame: Int, beats: Int, committed: Int, refused: Bool) {
        let unread = committed - frames[frame].deliveredAtHeader
        if refused {
            XCTAssertGreaterThan(beats + unread, bufferBeats, "frame \(frame): payload refused with room left")
        } else {
            XCTAssertLessThanOrEqual(beats + unread - 2, bufferBeats, "frame \(frame): payload stored without room")
        }
    }
}
