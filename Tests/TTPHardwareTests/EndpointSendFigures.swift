import XCTest
import HDL
import TTPHardware
import TTPTestbench

/// The sending figures of issue 10, in cycles (machine-independent), printed
/// for BENCHMARKS.md ("Sending"): payload bytes on `net_tx` per cycle over
/// the line's bytes per cycle with every PAYLOAD acknowledged at once, and
/// the cycles from a NACK's last beat in to its replayed PAYLOAD's first
/// beat out with the line otherwise idle. The assertions are floors that
/// catch a broken path, not the targets.
final class EndpointSendFigures: XCTestCase {
    func testLineUse() throws {
        for width in [64, 512] {
            for links in [1, 64] {
                let use = try lineUse(dataWidth: width, links: links)
                print(String(format: "line use, DW %d, %d link(s), 1,024-byte payloads: %.3f of the line", width, links, use))
                XCTAssertGreaterThan(use, 0.3)
            }
        }
    }

    func lineUse(dataWidth: Int, links count: Int) throws -> Double {
        var parameters = EndpointParameters()
        parameters.dataWidth = dataWidth
        let run = try EndpointSendTests.Run(parameters, name: "\(#function)_\(dataWidth)_\(count)")
        let clock = TTPFrameClock(run.bench.sim, prefix: "net_tx")
        let links = (0..<count).map { TTPReceiver.Link(mac: MACAddress(0x02_0000_0200 + UInt64($0)), vc: 0) }
        var random = SeededRandom(seed: 1)
        let payloads = count == 1 ? 120 : 4 * count
        for n in 0..<payloads { run.bench.hostTx.send(random.bytes(1024), mac: links[n % count].mac, vc: 0) }
        run.run(extraAgents: [clock])
        let frames = run.bench.sent
        XCTAssertEqual(frames.count, clock.lastBeats.count)
        let sends = frames.indices.filter { frames[$0].opcode == .payload }
        XCTAssertEqual(sends.count, payloads, "every payload sent once")
        let (from, to) = (sends[sends.count / 4], sends[3 * sends.count / 4])
        let bytes = (from...to).reduce(0) { $0 + frames[$1].payload.count }
        let cycles = clock.lastBeats[to] - clock.firstBeats[from] + 1
        return Double(bytes) / Double(cycles * dataWidth / 8)
    }

    func testNackToReplayLatency() throws {
        for width in [64, 512] {
            var parameters = EndpointParameters()
            parameters.dataWidth = width
            let run = try EndpointSendTests.Run(parameters, name: "\(#function)_\(width)")
            let inClock = TTPFrameClock(run.bench.sim, prefix: "net_rx")
            let outClock = TTPFrameClock(run.bench.sim, prefix: "net_tx")
            let link = TTPReceiver.Link(mac: EndpointSendTests.peer, vc: 0)
            let lost = UInt32(run.bench.parameters.openTxID) &+ 9
            run.losesFirstCopy(of: lost)
            var random = SeededRandom(seed: 2)
            for _ in 0..<10 { run.bench.hostTx.send(random.bytes(256), mac: link.mac, vc: 0) }
            run.run(extraAgents: [inClock, outClock])
            let nack = try XCTUnwrap(run.receiver.answers.firstIndex { $0.opcode == .nack })
            let frames = run.bench.sent
            let replay = try XCTUnwrap(frames.indices.filter { frames[$0].opcode == .payload && frames[$0].txID == lost }.dropFirst().first)
            let cycles = outClock.firstBeats[replay] - inClock.lastBeats[nack]
            print("NACK to replay, DW \(width), line idle: \(cycles) cycles")
            XCTAssertEqual(run.receiver.state(link).taken.count, 10)
            XCTAssertLessThan(cycles, 100)
        }
    }
}
