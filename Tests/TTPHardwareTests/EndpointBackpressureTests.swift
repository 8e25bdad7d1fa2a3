import XCTest
import HDL
import TTPHardware
import TTPTestbench

/// When the MAC holds `net_tx_tready` low (or the host `evt_ready`), a
/// received frame that needs an answer (or may report an event) and finds
/// no room is dropped whole before it changes anything, and counted, as if
/// lost on the wire; `net_rx` keeps taking frames.
final class EndpointBackpressureTests: XCTestCase {
    static func held(for cycles: Int) -> StallGenerator {
        .pattern([Bool](repeating: true, count: cycles) + [Bool](repeating: false, count: 1_000_000))
    }

    func peer(_ i: Int) -> MACAddress { MACAddress(0x0200_0000_0000 + UInt64(i) * 0x100) }

    func open(_ i: Int) -> TTPFrame {
        TTPFrame(destination: EndpointBench.localMAC, source: peer(i), opcode: .open, vc: 2, txID: 1000)
    }

    func payload(_ i: Int) -> TTPFrame {
        TTPFrame(destination: EndpointBench.localMAC, source: peer(i), opcode: .payload, vc: 2, txID: 1001, payload: [7])
    }

    /// OPENs from 40 peers while `net_tx` is held: those that found room are
    /// answered once it is released and have a link; the others are counted
    /// and have none (a PAYLOAD then gets NACK_NOLINK).
    func testFramesFindingTheResponsePathFullAreDroppedAndCounted() throws {
        var parameters = EndpointParameters()
        parameters.links = 256
        let bench = try EndpointBench(parameters, name: #function, wireStall: Self.held(for: 2000))
        for i in 0..<40 { bench.send(open(i)) }
        bench.sim.step(1500, agents: bench.agents)
        XCTAssertEqual(bench.sent.count, 0, "nothing leaves while net_tx is held")
        bench.sim.step(600, agents: bench.agents)  // past the release
        bench.drain()
        let answered = Set(bench.sent.filter { $0.opcode == .openAck }.map(\.destination))
        let dropped = Int(bench.sim.get(bench.sim.port("drop_response_busy")))
        print("\(#function): \(answered.count) answered, \(dropped) dropped")
        XCTAssertGreaterThan(dropped, 0)
        XCTAssertEqual(answered.count + dropped, 40)
        let before = bench.sent.count
        for i in 0..<40 { bench.send(payload(i)) }
        bench.drain()
        for (i, reply) in bench.sent[before...].enumerated() {
            XCTAssertEqual(reply.opcode, answered.contains(peer(i)) ? .ack : .nackNoLink, "peer \(i)")
        }
        XCTAssertEqual(bench.events.records.count, answered.count, "one opened event per link made")
    }

    /// The same with `evt_ready` held: OPENs that would report "opened" and find the event queue full.
    func testFramesFindingTheEventQueueFullAreDroppedAndCounted() throws {
        var parameters = EndpointParameters()
        parameters.links = 256
        let bench = try EndpointBench(parameters, name: #function, eventStall: Self.held(for: 2000))
        for i in 0..<40 { bench.send(open(i)) }
        bench.sim.step(2100, agents: bench.agents)  // past the release
        bench.drain()
        let answered = bench.sent.filter { $0.opcode == .openAck }.count
        let dropped = Int(bench.sim.get(bench.sim.port("drop_report_busy")))
        print("\(#function): \(answered) answered, \(dropped) dropped")
        XCTAssertGreaterThan(dropped, 0)
        XCTAssertEqual(answered + dropped, 40)
        XCTAssertEqual(bench.events.records.count, answered)
        XCTAssertEqual(bench.sim.get(bench.sim.port("drop_response_busy")), 0)
    }
}
