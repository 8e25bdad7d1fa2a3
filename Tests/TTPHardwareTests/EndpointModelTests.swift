import XCTest
import TTPTestbench

/// The endpoint reference model: the 2-way set-associative link table (which
/// OPEN finds no way, immediate reuse after a close) and whole response
/// frames, checked by letting two models talk to each other.
final class EndpointModelTests: XCTestCase {
    static let macA = MACAddress(0x98ED_5C00_0001)
    static let macB = MACAddress(0x98ED_5C00_0002)

    private func open(from peer: MACAddress, vc: UInt8 = 0, txID: UInt32 = 7) -> TTPFrame {
        TTPFrame(destination: Self.macA, source: peer, opcode: .open, vc: vc, txID: txID)
    }

    /// `sets = max(2, nextPowerOfTwo(links) / 2)`.
    func testSetCountFollowsTheLinkCount() {
        let sets = [1, 2, 4, 5, 48, 64, 100].map { TTPEndpointModel.sets(links: $0) }
        XCTAssertEqual(sets, [2, 2, 2, 4, 32, 32, 64])
        XCTAssertEqual(TTPEndpointModel(links: 64, localMAC: Self.macA).capacity, 64)
    }

    /// The fold, worked by hand: key = mac << 8 | vc cut into log2(sets)-bit chunks, XORed;
    /// with 5-bit chunks, key bits 50..54 are chunk 10 and bit 55 alone (zero-padded) is chunk 11.
    func testSetIsTheXorFoldOfTheKey() {
        XCTAssertEqual(TTPEndpointModel.set(of: 0, vc: 2, sets: 4), 2)
        XCTAssertEqual(TTPEndpointModel.set(of: 1, vc: 0, sets: 4), 1)  // key bit 8: chunk 4, bit 0
        XCTAssertEqual(TTPEndpointModel.set(of: 1, vc: 1, sets: 4), 0)  // 1 ^ 1
        XCTAssertEqual(TTPEndpointModel.set(of: 1 << 47, vc: 0, sets: 32), 1)
        XCTAssertEqual(TTPEndpointModel.set(of: 1 << 46, vc: 0, sets: 32), 16)
        XCTAssertEqual(TTPEndpointModel.set(of: 0xFFFF_FFFF_FFFF, vc: 0xFF, sets: 256), 0xFF)  // seven 0xFF bytes
        XCTAssertEqual(TTPEndpointModel.set(of: 0x01, vc: 0x01, sets: 256), 0)  // vc byte ^ low MAC byte
    }

    /// A response is a whole frame: to the peer, from the local MAC, on the link's vc, no payload.
    func testResponseIsAWholeFrame() {
        var model = TTPEndpointModel(links: 4, localMAC: Self.macA)
        let outcome = model.receive(open(from: Self.macB, vc: 2, txID: 40))
        let expected = TTPFrame(destination: Self.macB, source: Self.macA, opcode: .openAck, vc: 2, txID: 40, rxID: 40)
        XCTAssertEqual(outcome.response, expected)
        XCTAssertEqual(try TTPFrame.decode(expected.encode(), localMAC: Self.macB).get(), outcome.response)
        XCTAssertEqual(outcome.event, .opened)
        XCTAssertEqual(model.link(mac: Self.macB, vc: 2)?.state, .open)
        XCTAssertNil(model.link(mac: Self.macB, vc: 1), "vc is part of the key")
        var other = TTPFrame(destination: Self.macB, source: Self.macB, opcode: .open, txID: 3)
        XCTAssertNil(model.receive(other).response, "a frame for another MAC is dropped")
        other.destination = Self.macA
        XCTAssertEqual(model.receive(other).response?.opcode, .openAck)
    }

    /// Three keys of one set: two take ways 0 and 1, the third is refused both ways
    /// (OPEN_NACK, open command refused) while another set still has room.
    func testThirdKeyInOneSetIsRefused() {
        var model = TTPEndpointModel(links: 4, localMAC: Self.macA)
        let keys = collidingKeys(in: model, set: 0, count: 3)
        XCTAssertEqual(model.receive(open(from: keys[0].mac, vc: keys[0].vc)).event, .opened)
        XCTAssertEqual(model.command(.open, mac: keys[1].mac, vc: keys[1].vc).response?.opcode, .open)
        XCTAssertEqual([model.way(mac: keys[0].mac, vc: keys[0].vc), model.way(mac: keys[1].mac, vc: keys[1].vc)], [0, 1])
        let refused = model.receive(open(from: keys[2].mac, vc: keys[2].vc, txID: 9))
        XCTAssertEqual(refused.response, TTPFrame(destination: keys[2].mac, source: Self.macA, opcode: .openNack,
                                                  vc: keys[2].vc, txID: 0, rxID: 9))
        XCTAssertEqual(model.command(open: true, mac: keys[2].mac, vc: keys[2].vc).event, .openRefused)
        XCTAssertNil(model.link(mac: keys[2].mac, vc: keys[2].vc))
        let elsewhere = collidingKeys(in: model, set: 1, count: 1)[0]
        XCTAssertEqual(model.receive(open(from: elsewhere.mac, vc: elsewhere.vc)).event, .opened)
        XCTAssertEqual(model.linkCount, 3)
    }

    /// A closed link's slot is free at once: the refused key now takes way 0.
    func testSlotIsReusedAtOnceAfterClose() {
        var model = TTPEndpointModel(links: 4, localMAC: Self.macA)
        let keys = collidingKeys(in: model, set: 1, count: 3)
        for key in keys.prefix(2) { _ = model.receive(open(from: key.mac, vc: key.vc, txID: 7)) }
        let close = TTPFrame(destination: Self.macA, source: keys[0].mac, opcode: .close, vc: keys[0].vc, txID: 8, rxID: 7)
        let closed = model.receive(close)
        XCTAssertEqual(closed.response?.opcode, .closeAck)
        XCTAssertTrue(closed.freed)
        XCTAssertEqual(model.receive(open(from: keys[2].mac, vc: keys[2].vc)).event, .opened)
        XCTAssertEqual(model.way(mac: keys[2].mac, vc: keys[2].vc), 0)
    }

    /// One endpoint opens, the other answers; each has the other's start ID; a close both ways.
    func testTwoEndpointsOpenAndClose() {
        var a = TTPEndpointModel(links: 8, localMAC: Self.macA, cfgOpenID: 1)
        var b = TTPEndpointModel(links: 8, localMAC: Self.macB, cfgOpenID: 500)
        let openFrame = a.command(.open, mac: Self.macB, vc: 2).response!
        let openAck = b.receive(openFrame).response!
        XCTAssertEqual(a.receive(openAck).event, .opened)
        XCTAssertEqual(a.link(mac: Self.macB, vc: 2), TTPLinkModel(state: .open, lastTx: 1, lastRx: 1, cfgOpenID: 1))
        let payload = TTPFrame(destination: Self.macB, source: Self.macA, opcode: .payload, vc: 2, txID: 2, payload: [1])
        XCTAssertEqual(b.receive(payload, stored: false).response?.opcode, .nackFull)
        XCTAssertTrue(b.receive(payload).deliver)
        var empty = payload
        (empty.txID, empty.payload) = (3, [])
        XCTAssertTrue(b.receive(empty, stored: false).deliver, "a 0-byte payload counts as stored")
        let closeFrame = a.command(.close, mac: Self.macB, vc: 2).response!
        XCTAssertEqual([closeFrame.txID, closeFrame.rxID], [2, 1])
        let closeAck = b.receive(closeFrame)
        XCTAssertEqual(closeAck.event, .closed)
        XCTAssertEqual(a.receive(closeAck.response!).event, .closed)
        XCTAssertEqual([a.linkCount, b.linkCount], [0, 0])
    }

    /// Passing ships end to end: crossing OPENs, then crossing OPEN_ACKs open both sides.
    func testPassingShipsBetweenTwoEndpoints() {
        var a = TTPEndpointModel(links: 8, localMAC: Self.macA, cfgOpenID: 1)
        var b = TTPEndpointModel(links: 8, localMAC: Self.macB, cfgOpenID: 500)
        let openA = a.command(.open, mac: Self.macB, vc: 0).response!
        let openB = b.command(.open, mac: Self.macA, vc: 0).response!
        let ackFromA = a.receive(openB), ackFromB = b.receive(openA)
        XCTAssertEqual([ackFromA.event, ackFromB.event], [nil, nil], "no shortcut to OPEN")
        XCTAssertEqual(a.link(mac: Self.macB, vc: 0)?.state, .openRecd)
        XCTAssertEqual(a.receive(ackFromB.response!).event, .opened)
        XCTAssertEqual(b.receive(ackFromA.response!).event, .opened)
        XCTAssertEqual(a.link(mac: Self.macB, vc: 0)?.lastRx, 500)
        XCTAssertEqual(b.link(mac: Self.macA, vc: 0)?.lastRx, 1)
    }

    /// `count` keys (MAC B's OUI with varied low bytes and vcs) whose set is `set`.
    private func collidingKeys(in model: TTPEndpointModel, set: Int, count: Int) -> [(mac: MACAddress, vc: UInt8)] {
        let candidates = (0..<UInt64(4096)).lazy.map { (mac: MACAddress(0x98ED_5C00_0000 | ($0 >> 2)), vc: UInt8($0 & 3)) }
        let keys = Array(candidates.filter { model.set(of: $0.mac, vc: $0.vc) == set }.prefix(count))
        precondition(keys.count == count, "not enough keys in set \(set)")
        return keys
    }
}
