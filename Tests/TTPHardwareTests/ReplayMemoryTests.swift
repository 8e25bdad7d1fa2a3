import HDL
import TTPHardware
import XCTest

/// `ttp_replay_memory` in Verilator, driven from both sides at random: the
/// host hands over payloads (good ones, and ones too long, empty or on a vc
/// past 2), the test plays the link engine (takes the records, asks for
/// frames of slots in use, some several times, retires slots), and the TX builder's side takes descriptors and payload beats
/// with random back-pressure. Checked every cycle: no payload enters
/// without a slot, free + in use = slots, a record's slot is never one in
/// use, and `host_tx_tready` comes back once a slot is free; and every
/// frame's bytes are the payload's, on every resend. Seed printed.
final class ReplayMemoryTests: XCTestCase {
    func testPayloadsInAndOutOfSlots() throws {
        for dataWidth in [64, 512] {
            var parameters = EndpointParameters()
            parameters.dataWidth = dataWidth
            parameters.replaySlots = 6
            parameters.maxPayload = 100
            try ReplayBench(parameters, seedLabel: "\(#function) DW \(dataWidth)").run(cycles: 12_000)
        }
    }

    /// The emitted Verilog passes verilator -Wall, iverilog and yosys (no latches).
    func testVerilogPassesTheToolFlow() throws {
        for dataWidth in [64, 512] {
            var parameters = EndpointParameters()
            parameters.dataWidth = dataWidth
            parameters.replaySlots = 16
            XCTAssertNoThrow(try ToolFlowCheck.run(try VerilogEmitter.emit(ReplayMemory(parameters))), "DW \(dataWidth)")
        }
    }

    /// A shorter run at DW 64, replayed in Icarus.
    func testIcarusAgreesWithVerilator() throws {
        var parameters = EndpointParameters()
        parameters.replaySlots = 6
        parameters.maxPayload = 100
        let bench = try ReplayBench(parameters, seedLabel: #function)
        bench.sim.startRecording()
        bench.run(cycles: 3_000, expectCoverage: false)
        try bench.sim.crossCheckWithIcarus()
    }
}

/// One run of the replay memory (see `ReplayMemoryTests`).
final class ReplayBench {
    struct Payload { var mac: UInt64, vc: UInt64, bytes: [UInt8] }
    enum Verdict { case good, oversize, malformed }

    let parameters: EndpointParameters
    let sim: Simulator
    var random: SeededRandom
    let bytesPerBeat: Int

    // The host side: payloads queued, the one on the bus and its next beat.
    var hostQueue: [(Payload, Verdict)] = []
    var current: (payload: Payload, verdict: Verdict, beat: Int)?
    var expectedRecords: [Payload] = []
    var dropped: [Verdict: Int] = [.oversize: 0, .malformed: 0]
    // The engine side: slots in use and their payloads, frames asked for.
    var inUse: [UInt64: [UInt8]] = [:]
    var sendsInFlight: [UInt64: Int] = [:]
    var requests: [(slot: UInt64, txID: UInt64)] = []
    // The builder side: descriptors seen, the frame being collected.
    var framesOut: [(slot: UInt64, bytes: [UInt8], beats: Int)] = []
    var collecting: [UInt8] = []
    var beatsCollected = 0
    /// Slots out (taken, not retired) a cycle ago.
    var outBefore = 0
    var resends = 0, stalledWithoutSlot = 0, readyWhileFree = 0

    init(_ parameters: EndpointParameters, seedLabel: String) throws {
        self.parameters = parameters
        random = SeededRandom.fromEnvironment(seedLabel)
        sim = try Simulator(ReplayMemory(parameters))
        bytesPerBeat = parameters.dataBytes
    }

    var label: String { "DW \(parameters.dataWidth), seed \(random.seed)" }

    /// `expectCoverage`: also check that the run exercised resends,
    /// exhaustion and refusals (a long run does).
    func run(cycles: Int, expectCoverage: Bool = true) {
        sim.reset()
        for cycle in 0..<cycles {
            checkSlots(cycle)
            driveHost()
            driveEngine(cycle)
            driveBuilder()
            sim.eval()
            observe(cycle)
            sim.step()
        }
        // The drop counters count a cycle after the payload's last beat.
        sim.set("host_tx_tvalid", 0)
        sim.step(2)
        let drops = (sim.getUInt64("drop_oversize"), sim.getUInt64("drop_malformed"))
        XCTAssertEqual(drops.0, UInt64(dropped[.oversize]!), "oversize payloads counted, \(label)")
        XCTAssertEqual(drops.1, UInt64(dropped[.malformed]!), "malformed payloads counted, \(label)")
        print("ReplayBench \(label): \(framesOut.count) frames, \(resends) resends, \(dropped[.oversize]!) oversize and \(dropped[.malformed]!) malformed payloads dropped, host held off \(stalledWithoutSlot) cycles for want of a slot")
        guard expectCoverage else { return }
        XCTAssertGreaterThan(framesOut.count, 300, "frames sent, \(label)")
        XCTAssertGreaterThan(resends, 50, "slots sent more than once, \(label)")
        XCTAssertGreaterThan(stalledWithoutSlot, 100, "host held off for want of a slot, \(label)")
        XCTAssertGreaterThan(dropped[.oversize]!, 10, "oversize payloads tried, \(label)")
    }

    /// free + in use = slots; with a slot free for a while, the host is let in.
    func checkSlots(_ cycle: Int) {
        let free = Int(sim.getUInt64("slots_free"))
        // `slots_free` counts a cycle late.
        XCTAssertEqual(free + outBefore, parameters.replaySlots, "free + in use, cycle \(cycle), \(label)")
        outBefore = inUse.count + expectedRecords.count
        let ready = sim.getUInt64("host_tx_tready") == 1
        if outBefore == parameters.replaySlots { XCTAssertFalse(ready, "host_tx_tready with no slot free, cycle \(cycle), \(label)") }
        readyWhileFree = free > 0 && !ready ? readyWhileFree + 1 : 0
        XCTAssertLessThan(readyWhileFree, 12, "host held off with a slot free, cycle \(cycle), \(label)")
    }

    // MARK: - Host side

    func nextPayload() -> (Payload, Verdict) {
        let max = parameters.maxPayload
        let mac = random.next() & 0xFFFF_FFFF_FFFF, roll = random.next() % 10
        if roll == 0 {
            let length = max + 1 + Int(random.next() % UInt64(3 * bytesPerBeat))
            return (Payload(mac: mac, vc: 1, bytes: random.bytes(length)), .oversize)
        }
        if roll == 1 {
            let empty = random.chance(0.5)
            let bytes = empty ? [] : random.bytes(1 + Int(random.next() % UInt64(max)))
            return (Payload(mac: mac, vc: empty ? 2 : 3 + random.next() % 253, bytes: bytes), .malformed)
        }
        let length = random.chance(0.2) ? max : 1 + Int(random.next() % UInt64(max))
        return (Payload(mac: mac, vc: random.next() % 3, bytes: random.bytes(length)), .good)
    }

    func driveHost() {
        if current == nil, random.chance(0.8) {
            let (payload, verdict) = nextPayload()
            current = (payload, verdict, 0)
        }
        guard let (payload, _, beat) = current else {
            sim.set("host_tx_tvalid", 0)
            return
        }
        let beats = max(1, (payload.bytes.count + bytesPerBeat - 1) / bytesPerBeat)
        let chunk = Array(payload.bytes.dropFirst(beat * bytesPerBeat).prefix(bytesPerBeat))
        sim.set("host_tx_tvalid", 1)
        sim.set("host_tx_tdata", BitVector(bytesLittleEndian: chunk + random.bytes(bytesPerBeat - chunk.count), width: parameters.dataWidth))
        sim.set("host_tx_tkeep", BitVector(bytesLittleEndian: keep(chunk.count), width: bytesPerBeat))
        sim.set("host_tx_tlast", beat == beats - 1 ? 1 : 0)
        sim.set("host_tx_dest_mac", payload.mac)
        sim.set("host_tx_vc", payload.vc)
    }

    /// `tkeep` bytes for `count` kept bytes, one bit a byte, from bit 0.
    func keep(_ count: Int) -> [UInt8] {
        (0..<(bytesPerBeat + 7) / 8).map { byte in
            let bits = min(8, max(0, count - byte * 8))
            return UInt8((1 << bits) - 1)
        }
    }

    // MARK: - Engine side

    func driveEngine(_ cycle: Int) {
        sim.set("rec_ready", random.chance(0.6) ? 1 : 0)
        // Ask for a frame of a slot in use, most often one never sent.
        let unsent = inUse.keys.filter { sendsInFlight[$0] == nil }.sorted()
        let candidates = !unsent.isEmpty && random.chance(0.7) ? unsent : inUse.keys.sorted()
        let asked = candidates.randomElement(using: &random)
        if let slot = asked, random.chance(0.5) {
            sim.set("req_valid", 1)
            sim.set("req_slot", slot)
            sim.set("req_opcode", 6)
            sim.set("req_tx_id", UInt64(cycle))
            sim.set("req_payload_length", UInt64(inUse[slot]!.count))
        } else {
            sim.set("req_valid", 0)
        }
        // Retire a slot whose frames are all out (not one being asked for).
        let idle = inUse.keys.filter { (sendsInFlight[$0] ?? 0) == 0 && $0 != asked }.sorted()
        // Slow stretches, in which the slots run out, and fast ones.
        let retireRate = (cycle / 500) % 2 == 0 ? 0.04 : 0.35
        if let slot = idle.randomElement(using: &random), random.chance(retireRate) {
            sim.set("retire", 1)
            sim.set("retire_slot", slot)
        } else {
            sim.set("retire", 0)
        }
    }

    // MARK: - Builder side

    func driveBuilder() {
        sim.set("desc_ready", random.chance(0.8) ? 1 : 0)
        sim.set("pay_tready", random.chance(0.7) ? 1 : 0)
    }

    // MARK: - What happened at this edge

    func observe(_ cycle: Int) {
        let context = "cycle \(cycle), \(label)"
        observeHost()
        if sim.getUInt64("rec_valid") == 1, sim.getUInt64("rec_ready") == 1 {
            let slot = sim.getUInt64("rec_slot"), expected = expectedRecords.removeFirst()
            XCTAssertEqual(sim.getUInt64("rec_mac"), expected.mac, "record MAC, \(context)")
            XCTAssertEqual(sim.getUInt64("rec_vc"), expected.vc, "record vc, \(context)")
            XCTAssertEqual(sim.getUInt64("rec_length"), UInt64(expected.bytes.count), "record length, \(context)")
            XCTAssertNil(inUse[slot], "record's slot \(slot) is in use, \(context)")
            inUse[slot] = expected.bytes
        }
        if sim.getUInt64("req_valid") == 1, sim.getUInt64("req_ready") == 1 {
            let slot = sim.getUInt64("req_slot")
            resends += sendsInFlight[slot] != nil ? 1 : 0
            sendsInFlight[slot, default: 0] += 1
            requests.append((slot, sim.getUInt64("req_tx_id")))
        }
        if sim.getUInt64("retire") == 1 {
            let slot = sim.getUInt64("retire_slot")
            inUse[slot] = nil
            sendsInFlight[slot] = nil
        }
        observeBuilder(context)
    }

    func observeHost() {
        guard let (payload, verdict, beat) = current,
              sim.getUInt64("host_tx_tvalid") == 1, sim.getUInt64("host_tx_tready") == 1 else {
            stalledWithoutSlot += current != nil && sim.getUInt64("slots_free") == 0 ? 1 : 0
            return
        }
        let beats = max(1, (payload.bytes.count + bytesPerBeat - 1) / bytesPerBeat)
        guard beat == beats - 1 else {
            current = (payload, verdict, beat + 1)
            return
        }
        current = nil
        if verdict == .good { expectedRecords.append(payload) } else { dropped[verdict]! += 1 }
    }

    func observeBuilder(_ context: String) {
        if sim.getUInt64("desc_valid") == 1, sim.getUInt64("desc_ready") == 1 {
            let request = requests.removeFirst()
            XCTAssertEqual(sim.getUInt64("desc_tx_id"), request.txID, "descriptor in request order, \(context)")
            framesOut.append((request.slot, [], 0))
        }
        guard sim.getUInt64("pay_tvalid") == 1, sim.getUInt64("pay_tready") == 1 else { return }
        collecting += sim.get("pay_tdata").bytesLittleEndian(count: bytesPerBeat)
        beatsCollected += 1
        guard sim.getUInt64("pay_tlast") == 1 else { return }
        guard let index = framesOut.firstIndex(where: { $0.beats == 0 }) else {
            XCTFail("payload beats with no frame asked for, \(context)")
            return
        }
        let slot = framesOut[index].slot
        if let bytes = inUse[slot] {
            XCTAssertEqual(Array(collecting.prefix(bytes.count)), bytes, "bytes of slot \(slot), \(context)")
            XCTAssertEqual(beatsCollected, (bytes.count + bytesPerBeat - 1) / bytesPerBeat, "beats of slot \(slot), \(context)")
        } else {
            XCTFail("frame of slot \(slot) came out after it was retired, \(context)")
        }
        framesOut[index].beats = beatsCollected
        sendsInFlight[slot]? -= 1
        collecting = []
        beatsCollected = 0
    }
}
