import XCTest
import TTPTestbench

/// The link reference model against the close rows (spec 4.1 to 4.3 and
/// WIRE-FORMAT's "A receiver in OPEN answering a CLOSE"): which CLOSE is
/// acknowledged, which is refused, and which state a refusal leaves.
final class LinkModelCloseTests: XCTestCase {
    private func link(_ state: TTPLinkState, tx: UInt32 = 5, rx: UInt32 = 9) -> TTPLinkModel {
        TTPLinkModel(state: state, lastTx: tx, lastRx: rx)
    }

    private let ack20 = TTPLinkResponse(.closeAck, txID: 0, rxID: 20)

    /// A CLOSE for no link is a late replay: CLOSE_ACK, nothing made.
    func testCloseWithoutALinkIsAcked() {
        var model = TTPLinkModel()
        XCTAssertEqual(model.receive(.close, txID: 20, rxID: 3), TTPLinkStep(ack20))
        XCTAssertFalse(model.exists)
    }

    /// 4.1 OPEN_SENT -> CLOSED: the peer's CLOSE refuses our OPEN. OPEN_RECD keeps the link.
    func testCloseWhileOpening() {
        var sent = link(.openSent)
        XCTAssertEqual(sent.receive(.close, txID: 20, rxID: 5), TTPLinkStep(ack20, event: .openRefused, freed: true))
        XCTAssertFalse(sent.exists)
        var recd = link(.openRecd)
        XCTAssertEqual(recd.receive(.close, txID: 20, rxID: 5), TTPLinkStep(ack20))
        XCTAssertEqual(recd, link(.openRecd))
    }

    /// In OPEN, RxID == our last ID closes; any other RxID (older or younger) is refused
    /// with CLOSE_NACK(our last ID) and leaves CLOSE_RECD, whose next matching CLOSE closes.
    func testCloseInOpenAcksOnlyTheLastID() {
        var done = link(.open)
        XCTAssertEqual(done.receive(.close, txID: 20, rxID: 5), TTPLinkStep(ack20, event: .closed, freed: true))
        XCTAssertFalse(done.exists)
        for c: UInt32 in [4, 6] {
            var model = link(.open)
            XCTAssertEqual(model.receive(.close, txID: 20, rxID: c),
                           TTPLinkStep(TTPLinkResponse(.closeNack, txID: 5, rxID: 20)), "rx \(c)")
            XCTAssertEqual(model, link(.closeRecd), "rx \(c)")
        }
        var recd = link(.closeRecd)
        XCTAssertEqual(recd.receive(.close, txID: 21, rxID: 6), TTPLinkStep(TTPLinkResponse(.closeNack, txID: 5, rxID: 21)))
        XCTAssertEqual(recd, link(.closeRecd))
        XCTAssertEqual(recd.receive(.close, txID: 22, rxID: 5),
                       TTPLinkStep(TTPLinkResponse(.closeAck, txID: 0, rxID: 22), event: .closed, freed: true))
    }

    /// 4.1 assumption 3: crossing CLOSEs close if the IDs are off by 0 or 1, else CLOSE_NACK in CLOSE_SENT.
    func testCloseInCloseSentShortcutsWhenOffByZeroOrOne() {
        for c: UInt32 in [5, 6] {
            var model = link(.closeSent)
            XCTAssertEqual(model.receive(.close, txID: 20, rxID: c), TTPLinkStep(ack20, event: .closed, freed: true), "rx \(c)")
        }
        for c: UInt32 in [4, 7] {
            var model = link(.closeSent)
            XCTAssertEqual(model.receive(.close, txID: 20, rxID: c),
                           TTPLinkStep(TTPLinkResponse(.closeNack, txID: 5, rxID: 20)), "rx \(c)")
            XCTAssertEqual(model, link(.closeSent), "rx \(c)")
        }
        var wrapped = link(.closeSent, tx: .max)  // lastTx + 1 wraps to 0
        XCTAssertEqual(wrapped.receive(.close, txID: 20, rxID: 0).event, .closed)
    }

    /// 4.2: CLOSE_ACK finishes either closing state and is ignored elsewhere.
    func testCloseAckFinishesOnlyClosingStates() {
        for state in [TTPLinkState.closeSent, .closeRecd] {
            var model = link(state)
            XCTAssertEqual(model.receive(.closeAck, txID: 0, rxID: 6), TTPLinkStep(event: .closed, freed: true), "\(state)")
            XCTAssertFalse(model.exists)
        }
        for state in [TTPLinkState.openSent, .openRecd, .open] {
            var model = link(state)
            XCTAssertEqual(model.receive(.closeAck, txID: 0, rxID: 6), .nothing, "\(state)")
            XCTAssertEqual(model, link(state))
        }
    }

    /// 4.3: CLOSE_NACK changes nothing in any state (CLOSE_SENT stays CLOSE_SENT).
    func testCloseNackChangesNothing() {
        for state in LinkModelTests.existing {
            var model = link(state)
            XCTAssertEqual(model.receive(.closeNack, txID: 8, rxID: 6), .nothing, "\(state)")
            XCTAssertEqual(model, link(state), "\(state)")
        }
    }

    /// The close command: CLOSE(lastTx + 1, lastRx) from OPEN, replayed in CLOSE_SENT, wrapping.
    func testCloseCommand() {
        var model = link(.open)
        let close = TTPLinkStep(TTPLinkResponse(.close, txID: 6, rxID: 9))
        XCTAssertEqual(model.command(.close), close)
        XCTAssertEqual(model, link(.closeSent))
        XCTAssertEqual(model.command(.close), close)
        var wrapping = link(.open, tx: .max)
        XCTAssertEqual(wrapping.command(.close).response, TTPLinkResponse(.close, txID: 0, rxID: 9))
        var none = TTPLinkModel()
        XCTAssertEqual(none.command(.close), TTPLinkStep(event: .closed))
        XCTAssertFalse(none.exists)
        for state in [TTPLinkState.openSent, .openRecd, .closeRecd] {
            var other = link(state)
            XCTAssertEqual(other.command(.close), .nothing, "\(state)")
            XCTAssertEqual(other, link(state), "\(state)")
        }
    }
}
