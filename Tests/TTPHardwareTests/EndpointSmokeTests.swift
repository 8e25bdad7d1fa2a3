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
