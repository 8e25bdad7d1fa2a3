import XCTest
import HDL
import TTPHardware
import TTPTestbench

/// The endpoint against a peer (`TTPPeer`, written from WIRE-FORMAT.md) over
/// the wire format: open, 1,000 payloads of random length with losses and
/// duplicates, close, open again, more payloads, close. Every frame on
/// `net_tx` is decoded and must be byte-exact; `host_rx` must get each
/// payload exactly once, in order.
final class EndpointPeerTests: XCTestCase {
    func testThousandPayloadsWithLossesAndDuplicates() throws {
        var random = SeededRandom.fromEnvironment(#function)
        let bench = try EndpointBench(name: #function)
        let peer = TTPPeer(mac: MACAddress(0x98ED_5C00_00AA), vc: 2, endpointMAC: EndpointBench.localMAC,
                           driver: bench.net, collector: bench.wire, random: random.split())
        let first = (0..<1000).map { _ in random.bytes(1 + Int(random.next() % 1024)) }
        let second = (0..<50).map { _ in random.bytes(1 + Int(random.next() % 64)) }
        for (payloads, start) in [(first, UInt32(0xFFFF_FF00)), (second, UInt32(7))] {
            peer.transfer(payloads, start: start, cycle: bench.sim.cycle)
            let done = bench.sim.step(agents: bench.agents, until: {
                peer.step(cycle: bench.sim.cycle)
                return peer.isDone
            }, timeout: 2_000_000)
            XCTAssertTrue(done, "the transfer did not finish")
        }
        bench.drain(quiet: 50)
        print("\(#function): \(peer.lost) lost, \(peer.duplicated) duplicated, \(bench.sent.count) frames sent, "
              + "\(bench.sim.cycle) cycles")
        XCTAssertGreaterThan(peer.lost, 10)
        XCTAssertGreaterThan(peer.duplicated, 10)
        XCTAssertEqual(bench.delivered.count, first.count + second.count)
        XCTAssert(bench.delivered.map(\.bytes) == first + second, "host_rx did not get each payload once, in order")
        XCTAssert(bench.delivered.allSatisfy { $0.mac == peer.mac.uint64 && $0.vc == 2 })
        XCTAssertEqual(bench.events.records.map(\.kind), [0, 1, 0, 1])
        _ = bench.sent  // byte-exact check of every frame
    }
}
