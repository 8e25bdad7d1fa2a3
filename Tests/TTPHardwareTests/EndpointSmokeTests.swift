import XCTest
import HDL
import TTPHardware
import TTPTestbench

final class EndpointSmokeTests: XCTestCase {
    let peer = MACAddress(0x98ED_5C00_00AA)

    func frame(_ opcode: TTPOpcode, tx: UInt32, rx: UInt32 = 0, vc: UInt8 = 2, payload: [UInt8] = []) -> TTPFrame {
        TTPFrame(destination: EndpointBench.localMAC, source: peer, opcode: opcode, vc: vc, txID: tx, rxID: rx,
                 payload: payload)
    }

    func testPeerOpensSendsAndCloses() throws {
        let bench = try EndpointBench(name: #function)
        bench.send(frame(.open, tx: 100))
        bench.send(frame(.payload, tx: 101, payload: Array(0..<100)))
        bench.send(frame(.payload, tx: 103, payload: [1, 2, 3]))
        bench.send(frame(.payload, tx: 104, payload: [4]))
        bench.send(frame(.payload, tx: 102, payload: [9, 9]))
        bench.send(frame(.payload, tx: 101, payload: [7]))
        bench.send(frame(.close, tx: 103, rx: 100))
        bench.drain()
        let sent = bench.sent.map { "\($0.opcode) tx=\($0.txID) rx=\($0.rxID)" }
        XCTAssertEqual(sent, ["OPEN_ACK tx=100 rx=100", "ACK tx=0 rx=101", "NACK tx=0 rx=102",
                              "ACK tx=0 rx=102", "ACK tx=0 rx=101", "CLOSE_ACK tx=0 rx=103"])
        XCTAssertEqual(bench.delivered.map(\.bytes), [Array(0..<100), [9, 9]])
        XCTAssertEqual(bench.events.records.map(\.kind), [0, 1])
    }
}

/// Watches when a stream's beats are taken: the cycles of first beats and of last beats.
final class BeatClock: CycleAgent {
    private let valid, ready, last: PortHandle
    private var inFrame = false
    private(set) var firstBeats: [Int] = []
    private(set) var lastBeats: [Int] = []

    init(_ sim: Simulator, prefix: String) {
        (valid, ready, last) = (sim.port("\(prefix)_tvalid"), sim.port("\(prefix)_tready"), sim.port("\(prefix)_tlast"))
    }

    func drive(_ sim: Simulator) {}

    func observe(_ sim: Simulator) {
        guard sim.get(valid) == 1, sim.get(ready) == 1 else { return }
        if !inFrame { firstBeats.append(sim.cycle) }
        inFrame = sim.get(last) == 0
        if !inFrame { lastBeats.append(sim.cycle) }
    }
}

extension EndpointSmokeTests {
    /// Cycles from a PAYLOAD's last beat on `net_rx` to its ACK's first beat
    /// on `net_tx`, on an idle endpoint at DW 64 (the figure BENCHMARKS.md reports).
    func testAckLatency() throws {
        let bench = try EndpointBench(name: #function)
        let rx = BeatClock(bench.sim, prefix: "net_rx"), tx = BeatClock(bench.sim, prefix: "net_tx")
        bench.send(frame(.open, tx: 100))
        bench.drain()
        bench.send(frame(.payload, tx: 101, payload: Array(repeating: 1, count: 64)))
        let agents = bench.agents + [rx, tx]
        bench.sim.step(200, agents: agents)
        let latency = tx.firstBeats[0] - rx.lastBeats[0]
        print("\(#function): ACK's first beat \(latency) cycles after the PAYLOAD's last beat")
        XCTAssertEqual(bench.sent.last?.opcode, .ack)
        XCTAssertEqual(latency, TTPEndpoint.ackLatency, "the documented latency")
    }
}

extension EndpointSmokeTests {
    /// The endpoint's Verilog means the same in Icarus: a run of the smoke
    /// sequence and a command is recorded and replayed under iverilog, and
    /// every output is compared at every cycle.
    func testIcarusAgreesWithVerilator() throws {
        var parameters = EndpointParameters()
        parameters.links = 16
        let bench = try EndpointBench(parameters, name: #function, recording: true)
        bench.send(frame(.open, tx: 100))
        bench.send(frame(.payload, tx: 101, payload: Array(0..<100)))
        bench.send(frame(.payload, tx: 103, payload: [1, 2, 3]))
        bench.send(frame(.payload, tx: 102, payload: [9, 9]))
        bench.commands.send(op: 0, mac: 0x98ED_5C00_00BB, vc: 1)
        bench.send(frame(.close, tx: 103, rx: 100))
        bench.drain()
        XCTAssertEqual(bench.sent.count, 6)
        try bench.sim.crossCheckWithIcarus()
    }
}
