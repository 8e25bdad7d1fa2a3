import XCTest
import HDL
import TTPHardware
import TTPTestbench

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
        /// What the frame tests, in failure messages.
        var label: String
        /// Payload entries taken from `pay_*` before the cycle its header beat's room is decided.
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
    let bufferEntries: Int
    let geometry: BusGeometry
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
    /// Payload buffer entries taken: a beat each, but a tail that rode in its span's entry.
    private var payloadEntriesDelivered = 0
    private(set) var firstBeatCycle = -1
    private(set) var lastBeatCycle = -1
    private(set) var lastRecordCycle = -1
    private(set) var lastPayloadCycle = -1
    private(set) var readyLowCycles = 0
    /// Cycles between two beats of one payload packet (0 when it streams without a break).
    private(set) var payloadGaps = 0
    private var midPacket = false
    /// Counter values expected after the frames decided so far.
    private(set) var expectedCounts = [Int](repeating: 0, count: 8)
    /// Frames the bench predicted to find the parser's records full (lost whole, drop_overflow).
    private(set) var overflowedFrames: Set<Int> = []
    /// Records the parser holds (decided and not yet taken on hdr_*), as the bench counts them.
    private var heldRecords = 0
    /// Frames whose last beat is in, with the cycle the parser decides them.
    private var pendingDecisions: [(frame: Int, cycle: Int)] = []
    /// Frames whose header beat is in, with the cycle the parser decides their payload's room.
    private var pendingRoom: [(frame: Int, cycle: Int)] = []
    /// Records the parser holds at most, and the cycles from a frame's last
    /// beat to its decision (record pushed or lost, counter moved).
    let recordCapacity: Int
    let decisionDelay: Int
    /// Payload beats the parser may have fetched ahead of `pay_*`.
    let readAhead: Int
    private let pcap: PcapWriter?

    private let tdata, tkeep, tvalid, tready, tlast, tuser: PortHandle
    private let hdrValid, hdrReady, hdrFields, hdrSet: PortHandle, hdrOthers: [PortHandle]
    private let linkGeometry = LinkTableGeometry(links: EndpointParameters().links)
    private let payTdata, payTkeep, payTvalid, payTready, payTlast: PortHandle
    private let counters: [PortHandle]

    static let counterNames = ["drop_bad_fcs", "drop_wrong_ethertype", "drop_wrong_destination", "drop_too_short",
                               "drop_bad_header_length", "drop_bad_length", "drop_bad_opcode", "drop_overflow"]

    static func parameters(dataWidth: Int, maxPayload: Int) -> EndpointParameters {
        var parameters = EndpointParameters()
        parameters.dataWidth = dataWidth
        parameters.maxPayload = maxPayload
        return parameters
    }

    /// One emitted design per width and payload limit, shared by the tests.
    static func design(dataWidth: Int, maxPayload: Int = 1024) throws -> EmittedDesign {
        try DesignCache.design("rx/\(dataWidth)/\(maxPayload)") {
            RxParser(parameters(dataWidth: dataWidth, maxPayload: maxPayload))
        }
    }

    init(dataWidth: Int, maxPayload: Int = 1024, pcapName: String, recording: Bool = false) throws {
        parameters = Self.parameters(dataWidth: dataWidth, maxPayload: maxPayload)
        let parser = RxParser(parameters)
        bufferEntries = parser.payloadBufferEntries
        geometry = parser.geometry
        recordCapacity = parser.recordCapacity
        readAhead = parser.payloadReadAhead
        decisionDelay = RxParser.decisionDelay
        bytesPerBeat = dataWidth / 8
        headerBeat = 59 / bytesPerBeat
        sim = try Simulator(design: try Self.design(dataWidth: dataWidth, maxPayload: maxPayload),
                            name: "\(pcapName)_w\(dataWidth)")
        pcap = try PcapWriter.fromEnvironment(name: pcapName.replacingOccurrences(of: "()", with: ""))
        (tdata, tkeep, tvalid, tready) = (sim.port("net_rx_tdata"), sim.port("net_rx_tkeep"),
                                          sim.port("net_rx_tvalid"), sim.port("net_rx_tready"))
        (tlast, tuser) = (sim.port("net_rx_tlast"), sim.port("net_rx_tuser"))
        (hdrValid, hdrReady, hdrFields) = (sim.port("hdr_valid"), sim.port("hdr_ready"), sim.port("hdr_opcode"))
        hdrSet = sim.port("hdr_set")
        hdrOthers = ["hdr_vc", "hdr_peer_mac", "hdr_tx_id", "hdr_rx_id", "hdr_payload_length", "hdr_payload_dropped",
                     "hdr_has_payload"]
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
    func send(_ bytes: [UInt8], badFCS: Bool = false, label: String = "") {
        let expected: Result<TTPFrame, TTPDropReason> = badFCS
            ? .failure(.badFCS)
            : TTPFrame.decode(bytes, etherType: parameters.etherType, localMAC: RxParserTests.localMAC,
                              maxPayload: parameters.maxPayload)
        let frame = frames.count
        frames.append(SentFrame(bytes: bytes, badFCS: badFCS, expected: expected, label: label))
        for (index, beat) in Self.beats(of: bytes, bytesPerBeat: bytesPerBeat).enumerated() {
            beats.append(Beat(frame: frame, index: index, data: beat.data, keep: beat.keep, last: beat.last))
        }
    }

    /// The bus beats of `bytes`: data, tkeep, tlast.
    static func beats(of bytes: [UInt8], bytesPerBeat b: Int) -> [(data: BitVector, keep: BitVector, last: Bool)] {
        stride(from: 0, to: bytes.count, by: b).map { start in
            let chunk = Array(bytes[start..<min(bytes.count, start + b)])
            var keep = BitVector(width: b)
            for i in chunk.indices { keep[bit: i] = true }
            return (BitVector(bytesLittleEndian: chunk, width: 8 * b), keep, start + b >= bytes.count)
        }
    }

    /// Runs until every beat is in and every expected record and payload is out.
    func runUntilDrained(timeout: Int = 400_000) {
        var quiet = 0
        for _ in 0..<timeout {
            cycle()
            // Done when the input is in and the outputs have been silent for a while.
            let inputDone = nextBeat == beats.count && pendingDecisions.isEmpty
            quiet = (inputDone && sim.get(hdrValid) == 0 && sim.get(payTvalid) == 0) ? quiet + 1 : 0
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
            if beat.index == headerBeat { pendingRoom.append((beat.frame, sim.cycle + decisionDelay)) }
            if beat.last { pendingDecisions.append((beat.frame, sim.cycle + decisionDelay)) }
        }
        if let first = pendingRoom.first, first.cycle == sim.cycle {
            frames[first.frame].deliveredAtHeader = payloadEntriesDelivered
            pendingRoom.removeFirst()
        }
        // The parser decides on records held before this cycle's hand-over on hdr_*.
        var decided: Int?
        if let first = pendingDecisions.first, first.cycle == sim.cycle {
            decide(first.frame)
            decided = first.frame
            pendingDecisions.removeFirst()
        }
        if takeRecord && sim.get(hdrValid) == 1 { takeRecordNow() }
        if takePayload && sim.get(payTvalid) == 1 { takePayloadBeat() }
        sim.step()
        if taken { nextBeat += 1 }
        if let decided { checkCounters(after: decided) }
    }

    /// What the parser must do with a frame in its decision cycle: count its
    /// drop reason, or push its record, or, with `recordCapacity` records
    /// held, lose it whole and count an overflow.
    private func decide(_ frame: Int) {
        switch frames[frame].expected {
        case .failure(let reason): expectedCounts[reason.rawValue] += 1
        case .success where heldRecords == recordCapacity:
            expectedCounts[7] += 1
            overflowedFrames.insert(frame)
        case .success: heldRecords += 1
        }
    }

    private func takeRecordNow() {
        let values = hdrOthers.map { sim.get($0) }
        XCTAssertEqual(Int(sim.get(hdrSet)), linkGeometry.set(mac: values[1], vc: UInt8(values[0])),
                       "hdr_set is the link-table set of the record's key")
        XCTAssertEqual(values[6] == 1, values[5] == 0 && values[4] > 0,
                       "hdr_has_payload: a payload with room, cycle \(sim.cycle)")
        records.append(Record(opcode: sim.get(hdrFields), vc: values[0], peer: values[1], txID: values[2],
                              rxID: values[3], length: Int(values[4]), payloadDropped: values[5] == 1))
        lastRecordCycle = sim.cycle
        heldRecords -= 1
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
        let beatsSoFar = (partial.count + bytesPerBeat - 1) / bytesPerBeat
        let mergedTail = last && RxPayloadPlan.entries(payloadLength: partial.count, geometry) < beatsSoFar
        if !mergedTail { payloadEntriesDelivered += 1 }
        if midPacket { payloadGaps += sim.cycle - lastPayloadCycle - 1 }
        midPacket = !last
        lastPayloadCycle = sim.cycle
        if last {
            payloads.append(partial)
            partial = []
        }
    }

    /// After a frame's decision: exactly its drop reason's counter moved, or
    /// drop_overflow if the bench predicted the records full, or none.
    private func checkCounters(after frame: Int) {
        let seen = counters.map { Int(sim.get($0)) }
        XCTAssertEqual(seen, expectedCounts, "drop counters after frame \(frame) \(frames[frame].label) (\(frames[frame].expected))")
        expectedCounts = seen  // report each wrong count once, not again after every later frame
    }

    /// Records and payloads against the reference, and the payload_dropped rule.
    func verify(allowOverflow: Bool, file: StaticString = #filePath, line: UInt = #line) {
        if !allowOverflow {
            XCTAssertTrue(overflowedFrames.isEmpty, "frames lost to full records", file: file, line: line)
        }
        XCTAssertEqual(Int(sim.get(counters[7])), overflowedFrames.count, "drop_overflow", file: file, line: line)
        let accepted: [(index: Int, frame: TTPFrame)] = frames.indices.compactMap { i in
            guard case .success(let frame) = frames[i].expected, !overflowedFrames.contains(i) else { return nil }
            return (i, frame)
        }
        XCTAssertEqual(records.count, accepted.count, "header records", file: file, line: line)
        var expectedPayloads: [[UInt8]] = []
        var committedEntries = 0
        for (record, (index, frame)) in zip(records, accepted) {
            let expected = Record(opcode: UInt64(frame.opcode.rawValue), vc: UInt64(frame.vc), peer: frame.source.uint64,
                                  txID: UInt64(frame.txID), rxID: UInt64(frame.rxID), length: frame.payload.count,
                                  payloadDropped: record.payloadDropped)
            guard "\(record)" == "\(expected)" else {
                XCTFail("record of frame \(index): got \(record), expected \(expected)", file: file, line: line)
                return
            }
            let entries = RxPayloadPlan.entries(payloadLength: frame.payload.count, geometry)
            checkRoom(frame: index, entries: entries, committed: committedEntries, refused: record.payloadDropped)
            if !record.payloadDropped && entries > 0 {
                expectedPayloads.append(frame.payload)
                committedEntries += entries
            }
        }
        XCTAssertEqual(payloads.count, expectedPayloads.count, "payload packets", file: file, line: line)
        if let bad = zip(payloads, expectedPayloads).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            XCTFail("payload \(bad.offset): got \(bad.element.0.count) bytes, expected \(bad.element.1.count),"
                    + " first difference at byte \(Array(zip(bad.element.0, bad.element.1)).firstIndex { $0 != $1 } ?? -1)",
                    file: file, line: line)
        }
    }

    /// The buffer held `committed - delivered` entries (less up to `readAhead`
    /// fetched ahead) when the frame's room was decided: payload_dropped must
    /// mean it could not take `entries` more, and its absence that it could.
    private func checkRoom(frame: Int, entries: Int, committed: Int, refused: Bool) {
        let unread = committed - frames[frame].deliveredAtHeader
        if refused {
            XCTAssertGreaterThan(entries + unread, bufferEntries, "frame \(frame): payload refused with room left")
        } else {
            XCTAssertLessThanOrEqual(entries + unread - readAhead, bufferEntries, "frame \(frame): payload stored without room")
        }
    }
}
