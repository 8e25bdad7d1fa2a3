import XCTest
import TTPTestbench

/// The link reference model against the PAYLOAD receiver rules (spec 5.1,
/// WIRE-FORMAT's "A receiver in OPEN ... answering a PAYLOAD") and the
/// response opcodes (5.2 to 5.5), including serial-number IDs across 2^32.
final class LinkModelPayloadTests: XCTestCase {
    private func link(_ state: TTPLinkState = .open, rx: UInt32 = 10, nackMarked: Bool = false) -> TTPLinkModel {
        TTPLinkModel(state: state, lastTx: 5, lastRx: rx, nackMarked: nackMarked)
    }

    private func ack(_ t: UInt32) -> TTPLinkResponse { TTPLinkResponse(.ack, txID: 0, rxID: t) }

    private let delivered = { (t: UInt32) in TTPLinkStep(TTPLinkResponse(.ack, txID: 0, rxID: t), deliver: true) }

    /// 5.1 / 5.5 assumption 2: a PAYLOAD with no open link gets NACK_NOLINK and is not delivered.
    func testPayloadWithoutAnOpenLinkGetsNackNoLink() {
        for state in [TTPLinkState.closed, .openSent, .openRecd] {
            var model = state == .closed ? TTPLinkModel() : link(state)
            let before = model
            XCTAssertEqual(model.receive(.payload, txID: 11, rxID: 0), TTPLinkStep(TTPLinkResponse(.nackNoLink, txID: 0, rxID: 11)), "\(state)")
            XCTAssertEqual(model, before, "\(state)")
        }
    }

    /// In order (r + 1) in OPEN and both closing states: delivered, ACKed, r moves.
    func testInOrderPayloadIsDelivered() {
        for state in [TTPLinkState.open, .closeSent, .closeRecd] {
            var model = link(state)
            XCTAssertEqual(model.receive(.payload, txID: 11, rxID: 0), delivered(11), "\(state)")
            XCTAssertEqual(model, link(state, rx: 11), "\(state)")
        }
    }

    /// 5.2 assumption 2: a replay (r or older) is ACKed again, never delivered, even with no room.
    func testReplayIsAckedAgain() {
        for (t, stored) in [(UInt32(10), true), (3, true), (10, false)] {
            var model = link()
            XCTAssertEqual(model.receive(.payload, txID: t, rxID: 0, stored: stored), TTPLinkStep(ack(t)), "tx \(t)")
            XCTAssertEqual(model, link(), "tx \(t)")
        }
    }

    /// No room for the in-order PAYLOAD: NACK_FULL, r stays; the same ID with room is then taken.
    func testNoRoomIsNackFullThenResumes() {
        var model = link()
        XCTAssertEqual(model.receive(.payload, txID: 11, rxID: 0, stored: false),
                       TTPLinkStep(TTPLinkResponse(.nackFull, txID: 0, rxID: 11)))
        XCTAssertEqual(model, link())
        XCTAssertEqual(model.receive(.payload, txID: 11, rxID: 0), delivered(11))
    }

    /// 5.3 assumption 2: a gap is NACKed once (RxID r + 1), younger PAYLOADs get no answer,
    /// and the missing ID resumes the link.
    func testGapIsNackedOnceThenResumes() {
        var model = link()
        XCTAssertEqual(model.receive(.payload, txID: 12, rxID: 0), TTPLinkStep(TTPLinkResponse(.nack, txID: 0, rxID: 11)))
        XCTAssertEqual(model, link(nackMarked: true))
        XCTAssertEqual(model.receive(.payload, txID: 13, rxID: 0), .nothing)
        XCTAssertEqual(model.receive(.payload, txID: 9, rxID: 0), TTPLinkStep(ack(9)), "replays still get ACKs")
        XCTAssertEqual(model.receive(.payload, txID: 11, rxID: 0), delivered(11))
        XCTAssertEqual(model, link(rx: 11))
        XCTAssertEqual(model.receive(.payload, txID: 12, rxID: 0), delivered(12))
    }

    /// 5.1 assumption 1: IDs just below 2^32 wrap to 0 in order; the old ones are then replays.
    func testIDsWrapPast2To32() {
        var model = link(rx: 0xFFFF_FFFE)
        XCTAssertEqual(model.receive(.payload, txID: 0xFFFF_FFFF, rxID: 0), delivered(0xFFFF_FFFF))
        XCTAssertEqual(model.receive(.payload, txID: 0, rxID: 0), delivered(0))
        XCTAssertEqual(model.receive(.payload, txID: 0xFFFF_FFFF, rxID: 0), TTPLinkStep(ack(0xFFFF_FFFF)))
        XCTAssertEqual(model.receive(.payload, txID: 2, rxID: 0), TTPLinkStep(TTPLinkResponse(.nack, txID: 0, rxID: 1)))
        var edge = link(rx: 0xFFFF_FFFF)
        XCTAssertEqual(edge.receive(.payload, txID: 1, rxID: 0), TTPLinkStep(TTPLinkResponse(.nack, txID: 0, rxID: 0)))
    }

    /// Serial order, not integer order: 2^31 - 1 ahead is a gap, exactly 2^31 ahead is not younger (a replay).
    func testHalfTheIDSpaceAway() {
        var ahead = link()
        XCTAssertEqual(ahead.receive(.payload, txID: 10 &+ 0x7FFF_FFFF, rxID: 0).response?.opcode, .nack)
        var opposite = link()
        XCTAssertEqual(opposite.receive(.payload, txID: 10 &+ 0x8000_0000, rxID: 0), TTPLinkStep(ack(10 &+ 0x8000_0000)))
    }

    /// 5.2 to 5.4: ACK, NACK and NACK_FULL change nothing yet (nothing is sent to be freed or replayed).
    func testAcksAndNacksChangeNothing() {
        for state in LinkModelTests.existing {
            for opcode in [TTPOpcode.ack, .nack, .nackFull] {
                var model = link(state)
                XCTAssertEqual(model.receive(opcode, txID: 0, rxID: 6), .nothing, "\(opcode) in \(state)")
                XCTAssertEqual(model, link(state), "\(opcode) in \(state)")
            }
        }
    }

    /// 5.5: NACK_NOLINK fails an open or closing link and is ignored while opening.
    func testNackNoLinkFailsTheLink() {
        for state in [TTPLinkState.open, .closeSent, .closeRecd] {
            var model = link(state)
            XCTAssertEqual(model.receive(.nackNoLink, txID: 0, rxID: 6), TTPLinkStep(event: .linkFailed, freed: true), "\(state)")
            XCTAssertFalse(model.exists)
        }
        for state in [TTPLinkState.openSent, .openRecd] {
            var model = link(state)
            XCTAssertEqual(model.receive(.nackNoLink, txID: 0, rxID: 6), .nothing, "\(state)")
            XCTAssertEqual(model, link(state))
        }
    }
}
