import XCTest
import HDL
import TTPHardware
import TTPTestbench

/// Closing by command (issue 10): `cmd_op = 1` on an OPEN link sends CLOSE
/// only once everything sent on it is acknowledged; meanwhile the link
/// refuses new host payloads; CLOSE_ACK frees it and every slot is back.
final class EndpointCloseTests: XCTestCase {
    typealias Run = EndpointSendTests.Run

    func testCloseWaitsForTheLastAck() throws {
        var random = SeededRandom.fromEnvironment(#function)
        let run = try Run(name: #function)
        let link = TTPReceiver.Link(mac: EndpointSendTests.peer, vc: 1)
        let payloads = (0..<10).map { _ in random.bytes(1 + Int(random.next() % 500)) }
        run.receiver.acking = false
        run.send(payloads, to: link)
        run.run()
        XCTAssert(run.receiver.state(link).taken == payloads)
        XCTAssertEqual(run.slotsFree, 256 - payloads.count, "nothing acknowledged yet")

        run.bench.commands.send(op: 1, mac: link.mac.uint64, vc: link.vc)
        run.run(quiet: 500)
        XCTAssertEqual(run.receiver.state(link).closes, 0, "CLOSE went out with PAYLOADs unacknowledged")
        run.bench.hostTx.send(random.bytes(64), mac: link.mac, vc: link.vc)
        run.run()
        XCTAssertEqual(run.counter("drop_tx_refused"), 1, "a payload after the close command is refused")
        XCTAssertEqual(run.receiver.state(link).payloadsSeen, payloads.count)

        run.receiver.releaseAcks()
        run.run()
        XCTAssertEqual(run.receiver.state(link).closes, 1)
        let close = try XCTUnwrap(run.bench.sent.last)
        XCTAssertEqual(close.opcode, .close, "CLOSE is the last frame out, after every PAYLOAD")
        let lastID = UInt32(run.bench.parameters.openTxID) &+ UInt32(payloads.count)
        XCTAssertEqual(close.txID, lastID &+ 1, "WIRE-FORMAT: CLOSE's TxID is our last ID + 1")
        XCTAssertEqual(run.bench.events.records.map(\.kind), [LinkEventKind.opened.rawValue, LinkEventKind.closed.rawValue])
        XCTAssertEqual(run.slotsFree, 256)
        XCTAssertEqual(run.counter("drop_tx_flushed"), 0)
    }

    /// A close command on a link with nothing outstanding sends CLOSE at
    /// once (after the lists' round trip), and the link can be opened again by use.
    func testCloseOfAnIdleLinkThenReopenByUse() throws {
        var random = SeededRandom.fromEnvironment(#function)
        let run = try Run(name: #function)
        let link = TTPReceiver.Link(mac: EndpointSendTests.peer, vc: 2)
        let first = (0..<3).map { _ in random.bytes(1 + Int(random.next() % 200)) }
        run.send(first, to: link)
        run.run()
        run.bench.commands.send(op: 1, mac: link.mac.uint64, vc: link.vc)
        run.run()
        XCTAssertEqual(run.receiver.state(link).closes, 1)
        let second = (0..<3).map { _ in random.bytes(1 + Int(random.next() % 200)) }
        run.send(second, to: link)
        run.run()
        XCTAssertEqual(run.receiver.state(link).opens, 2)
        XCTAssert(run.receiver.state(link).taken == first + second)
        XCTAssertEqual(run.bench.events.records.map(\.kind), [LinkEventKind.opened, .closed, .opened].map(\.rawValue))
        XCTAssertEqual(run.slotsFree, 256)
    }
}
