import HDL
import TTPHardware
import TTPTestbench
import XCTest

/// The net-side agents of the testbench library on the two frame blocks at
/// DW 64: `TTPNetCollector` must decode exactly what `ttp_tx_builder` sends
/// under back-pressure, and `TTPNetDriver`'s frames, with idle cycles, must
/// reach `ttp_rx_parser` whole (bad FCS and foreign MAC dropped).
final class NetAgentTests: XCTestCase {
    static let peer = MACAddress(0x98ED_5C00_0042)

    /// Responses from the endpoint model (as the endpoint tests will use them) and a
    /// PAYLOAD go through the TX builder; the collector gives the same frames back.
    func testCollectorDecodesTheTxBuilderFrames() throws {
        var model = TTPEndpointModel(links: 4, localMAC: TxBuilderTests.localMAC)
        let toUs = { (opcode: TTPOpcode, tx: UInt32, rx: UInt32) in
            TTPFrame(destination: TxBuilderTests.localMAC, source: Self.peer, opcode: opcode, vc: 2, txID: tx, rxID: rx)
        }
        var frames = [toUs(.open, 7, 0), toUs(.payload, 9, 0), toUs(.payload, 8, 0), toUs(.close, 9, 7)]
            .compactMap { model.receive($0).response }
        frames.append(TTPFrame(destination: Self.peer, source: TxBuilderTests.localMAC, opcode: .payload, vc: 2,
                               txID: 8, payload: (0..<100).map { UInt8($0) }))
        XCTAssertEqual(frames.map(\.opcode), [.openAck, .nack, .ack, .closeAck, .payload])

        let parameters = TxBuilderTests.parameters(dataWidth: 64)
        let sim = try Simulator(design: try TxBuilderTests.design(parameters), name: "net-collector")
        sim.set(sim.port("cfg_local_mac"), TxBuilderTests.localMAC.uint64)
        sim.reset()
        let descriptors = TxDescriptorAgent(sim, idle: .never)
        let payload = StreamSource(sim, prefix: "pay")
        let collector = TTPNetCollector(sim, backPressure: .random(probability: 0.4, seed: 7))
        for frame in frames {
            descriptors.send(frame)
            if !frame.payload.isEmpty { payload.send(frame.payload) }
        }
        sim.step(agents: [descriptors, payload, collector], until: { collector.rawFrames.count == frames.count },
                 timeout: 2_000)
        XCTAssertEqual(collector.frames, frames)
        XCTAssertEqual(collector.rawFrames, frames.map { $0.encode() })
        XCTAssertGreaterThan(collector.stalledCycles, 0, "back-pressure was applied")
        XCTAssertEqual(collector.protocolErrors, [])
    }

    /// Frames from the driver, with idle cycles, reach the RX parser: a header record per
    /// accepted frame in order, its payload on pay_*; the bad-FCS and foreign frames are dropped.
    func testDriverFeedsTheRxParser() throws {
        let local = RxParserTests.localMAC
        let sim = try Simulator(design: try RxBench.design(dataWidth: 64), name: "net-driver")
        sim.set(sim.port("cfg_local_mac"), local.uint64)
        sim.reset()
        let driver = TTPNetDriver(sim, idle: .random(probability: 0.3, seed: 11))
        let headers = HeaderTaker(sim)
        let payloads = StreamSink(sim, prefix: "pay")
        let good = [0, 1, 4, 61, 200].map { length in
            TTPFrame(destination: local, source: Self.peer, opcode: .payload, vc: 2, txID: UInt32(100 + length),
                     payload: (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        }
        driver.send(good[0])
        driver.send(good[1], badFCS: true)
        var foreign = good[2]
        foreign.destination = Self.peer
        driver.send(foreign)
        for frame in good[2...] { driver.send(frame) }
        let expected = [good[0]] + good[2...]
        sim.step(agents: [driver, headers, payloads], until: { headers.txIDs.count == expected.count && driver.isDone },
                 timeout: 2_000)
        sim.step(40, agents: [driver, headers, payloads])
        XCTAssertEqual(driver.framesSent, 6)
        XCTAssertEqual(headers.txIDs, expected.map { UInt64($0.txID) })
        XCTAssertEqual(payloads.frames.map(\.bytes), expected.map(\.payload).filter { !$0.isEmpty })
    }
}

/// Takes every header record of `ttp_rx_parser` (hdr_ready always high) and keeps its TxID.
private final class HeaderTaker: CycleAgent {
    private let valid, ready, txID: PortHandle
    private(set) var txIDs: [UInt64] = []

    init(_ sim: Simulator) {
        (valid, ready, txID) = (sim.port("hdr_valid"), sim.port("hdr_ready"), sim.port("hdr_tx_id"))
    }

    func drive(_ sim: Simulator) { sim.set(ready, 1) }

    func observe(_ sim: Simulator) {
        if sim.get(valid) == 1 { txIDs.append(sim.get(txID)) }
    }
}
