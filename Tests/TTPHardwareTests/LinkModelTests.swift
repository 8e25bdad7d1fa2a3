import XCTest
import TTPTestbench

/// The link reference model against the spec's open and close rows (TTPoE
/// spec rev 2.0, 3.1 to 4.3, with WIRE-FORMAT.md's ID rules), one test per
/// row or group of rows. Pure Swift: the model is the oracle the hardware is
/// tested against, so it is checked on its own first.
final class LinkModelTests: XCTestCase {
    /// Every state a link can be in while it exists.
    static let existing: [TTPLinkState] = [.openSent, .openRecd, .open, .closeSent, .closeRecd]

    private func link(_ state: TTPLinkState, tx: UInt32 = 5, rx: UInt32 = 9) -> TTPLinkModel {
        TTPLinkModel(state: state, lastTx: tx, lastRx: rx)
    }

    // MARK: - OPEN (3.1)

    /// A peer's OPEN with a slot free: OPEN_ACK with the OPEN's ID as our start ID, link OPEN.
    func testPeerOpenOpensTheLinkAtItsID() {
        var model = TTPLinkModel()
        let step = model.receive(.open, txID: 7, rxID: 0)
        XCTAssertEqual(step, TTPLinkStep(TTPLinkResponse(.openAck, txID: 7, rxID: 7), event: .opened, allocated: true))
        XCTAssertEqual(model, link(.open, tx: 7, rx: 7))
    }

    /// 3.1 "no available ways": OPEN_NACK with RxID = the OPEN's TxID, no link made.
    func testPeerOpenWithoutASlotIsNacked() {
        var model = TTPLinkModel()
        XCTAssertEqual(model.receive(.open, txID: 7, rxID: 0, slotFree: false),
                       TTPLinkStep(TTPLinkResponse(.openNack, txID: 0, rxID: 7)))
        XCTAssertFalse(model.exists)
    }

    /// Our OPEN carries cfgOpenID; the peer's OPEN_ACK opens the link at its own start ID.
    func testOwnOpenCompletesOnOpenAck() {
        var model = TTPLinkModel(cfgOpenID: 100)
        XCTAssertEqual(model.command(.open), TTPLinkStep(TTPLinkResponse(.open, txID: 100, rxID: 0), allocated: true))
        XCTAssertEqual(model.state, .openSent)
        XCTAssertEqual(model.receive(.openAck, txID: 50, rxID: 100), TTPLinkStep(event: .opened))
        XCTAssertEqual(model, TTPLinkModel(state: .open, lastTx: 100, lastRx: 50, cfgOpenID: 100))
    }

    /// 3.1 assumption 4: crossing OPENs go to OPEN_RECD, not OPEN; the OPEN_ACK finishes it.
    func testPassingShipsWaitForTheOpenAck() {
        var model = link(.openSent, tx: 1, rx: 0)
        XCTAssertEqual(model.receive(.open, txID: 9, rxID: 0), TTPLinkStep(TTPLinkResponse(.openAck, txID: 1, rxID: 9)))
        XCTAssertEqual(model, link(.openRecd, tx: 1, rx: 9))
        XCTAssertEqual(model.receive(.openAck, txID: 9, rxID: 1), TTPLinkStep(event: .opened))
        XCTAssertEqual(model, link(.open, tx: 1, rx: 9))
    }

    /// 3.1 assumption 1: an OPEN in any later state is answered with our start ID, nothing changes.
    func testRepeatedOpenIsAnsweredWithoutChange() {
        for state in [TTPLinkState.openRecd, .open, .closeSent, .closeRecd] {
            var model = link(state)
            XCTAssertEqual(model.receive(.open, txID: 3, rxID: 0), TTPLinkStep(TTPLinkResponse(.openAck, txID: 5, rxID: 3)), "\(state)")
            XCTAssertEqual(model, link(state), "\(state)")
        }
    }

    /// The open command in each state: replay, already open, under way, refused while closing or full.
    func testOpenCommandInEveryState() {
        let expected: [TTPLinkState: TTPLinkStep] = [
            .openSent: TTPLinkStep(TTPLinkResponse(.open, txID: 5, rxID: 0)),
            .open: TTPLinkStep(event: .opened), .openRecd: .nothing,
            .closeSent: TTPLinkStep(event: .openRefused), .closeRecd: TTPLinkStep(event: .openRefused),
        ]
        for (state, step) in expected {
            var model = link(state)
            XCTAssertEqual(model.command(.open), step, "\(state)")
            XCTAssertEqual(model, link(state), "\(state)")
        }
        var closed = TTPLinkModel()
        XCTAssertEqual(closed.command(.open, slotFree: false), TTPLinkStep(event: .openRefused))
        XCTAssertFalse(closed.exists)
    }

    // MARK: - OPEN_ACK, OPEN_NACK (3.2, 3.3)

    /// OPEN_ACK outside OPEN_SENT / OPEN_RECD is ignored.
    func testStrayOpenAckIsIgnored() {
        for state in [TTPLinkState.closed, .open, .closeSent, .closeRecd] {
            var model = state == .closed ? TTPLinkModel() : link(state)
            let before = model
            XCTAssertEqual(model.receive(.openAck, txID: 40, rxID: 5), .nothing, "\(state)")
            XCTAssertEqual(model, before, "\(state)")
        }
    }

    /// OPEN_NACK refuses our OPEN in OPEN_SENT and is ignored anywhere else.
    func testOpenNackRefusesOnlyOpenSent() {
        var model = link(.openSent, tx: 1, rx: 0)
        XCTAssertEqual(model.receive(.openNack, txID: 0, rxID: 1), TTPLinkStep(event: .openRefused, freed: true))
        XCTAssertEqual(model, TTPLinkModel())
        for state in [TTPLinkState.openRecd, .open, .closeSent, .closeRecd] {
            var other = link(state)
            XCTAssertEqual(other.receive(.openNack, txID: 0, rxID: 5), .nothing, "\(state)")
            XCTAssertEqual(other, link(state), "\(state)")
        }
    }
}
