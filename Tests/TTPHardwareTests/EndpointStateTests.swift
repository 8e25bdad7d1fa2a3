import XCTest
import HDL
import TTPHardware
import TTPTestbench

/// Every (state, event) pair of the state machine at the endpoint's ports,
/// against the reference model (`TTPEndpointModel`): each case opens a
/// fresh link (its own peer MAC), brings it to the state, and then sends
/// the event; after every input the frame on `net_tx` (decoded, byte-exact),
/// the event on `evt_*` and the payload on `host_rx` are compared with the
/// model's outcome for that input.
final class EndpointStateTests: XCTestCase {
    enum Step {
        case frame(TTPOpcode, tx: (TTPLinkModel?) -> UInt32, rx: (TTPLinkModel?) -> UInt32, payload: [UInt8])
        case command(open: Bool)
    }

    static func frame(_ opcode: TTPOpcode, tx: @escaping (TTPLinkModel?) -> UInt32 = { _ in 0 },
                      rx: @escaping (TTPLinkModel?) -> UInt32 = { _ in 0 }, payload: [UInt8] = []) -> Step {
        .frame(opcode, tx: tx, rx: rx, payload: payload)
    }

    /// Inputs that bring a new link to `state`; the peer's IDs start at `start`.
    static func setup(_ state: TTPLinkState, start: UInt32) -> [Step] {
        let open = frame(.open, tx: { _ in start })
        switch state {
        case .closed: return []
        case .openSent: return [.command(open: true)]
        case .openRecd: return [.command(open: true), open]
        case .open: return [open]
        case .closeSent: return [open, .command(open: false)]
        case .closeRecd: return [open, frame(.close, tx: { _ in start &+ 1 }, rx: { ($0?.lastTx ?? 0) &+ 7 })]
        }
    }

    /// The events tried in every state, with IDs relative to the link's.
    static let events: [(String, [Step])] = {
        let r = { (l: TTPLinkModel?) in l?.lastRx ?? 0 }, t = { (l: TTPLinkModel?) in l?.lastTx ?? 0 }
        return [
            ("OPEN", [frame(.open, tx: { r($0) &+ 9 })]),
            ("OPEN_ACK", [frame(.openAck, tx: { _ in 500 }, rx: t)]),
            ("OPEN_NACK", [frame(.openNack, rx: t)]),
            ("CLOSE matching", [frame(.close, tx: { r($0) &+ 1 }, rx: t)]),
            ("CLOSE off by one", [frame(.close, tx: { r($0) &+ 1 }, rx: { t($0) &+ 1 })]),
            ("CLOSE not matching", [frame(.close, tx: { r($0) &+ 1 }, rx: { t($0) &+ 5 })]),
            ("CLOSE_ACK", [frame(.closeAck, rx: { t($0) &+ 1 })]),
            ("CLOSE_NACK", [frame(.closeNack, tx: t, rx: r)]),
            ("PAYLOAD replay", [frame(.payload, tx: r, payload: [1, 2, 3])]),
            ("PAYLOAD in order", [frame(.payload, tx: { r($0) &+ 1 }, payload: Array(0..<77))]),
            ("PAYLOAD gap, then younger, then the missing one", [
                frame(.payload, tx: { r($0) &+ 3 }, payload: [3]), frame(.payload, tx: { r($0) &+ 4 }, payload: [4]),
                frame(.payload, tx: { r($0) &+ 1 }, payload: [1])]),
            ("ACK", [frame(.ack, rx: t)]),
            ("NACK", [frame(.nack, rx: t)]),
            ("NACK_FULL", [frame(.nackFull, rx: t)]),
            ("NACK_NOLINK", [frame(.nackNoLink, rx: t)]),
            ("open command", [.command(open: true)]),
            ("close command", [.command(open: false)]),
        ]
    }()

    func testEveryStateAndEventAgainstTheModel() throws {
        try runAll(start: 100, name: #function)
    }

    /// The same with IDs just below 2^32, so they wrap within the cases.
    func testEveryStateAndEventWithWrappingIDs() throws {
        try runAll(start: 0xFFFF_FFFE, name: #function, openTxID: 0xFFFF_FFFF)
    }

    func runAll(start: UInt32, name: String, openTxID: UInt32 = 1) throws {
        var parameters = EndpointParameters()
        parameters.links = 4096
        parameters.openTxID = openTxID
        let bench = try EndpointBench(parameters, name: name)
        var model = TTPEndpointModel(links: parameters.links, localMAC: EndpointBench.localMAC, cfgOpenID: openTxID)
        var peerNumber: UInt64 = 0
        var seen = (frames: 0, events: 0, delivered: 0)
        for state in TTPLinkState.allCases {
            for (eventName, steps) in Self.events {
                peerNumber += 1
                let peer = MACAddress(0x02AA_0000_0000 + peerNumber * 0x1_0001), vc = UInt8(peerNumber % 3)
                for (index, step) in (Self.setup(state, start: start) + steps).enumerated() {
                    let label = "\(state) + \(eventName), input \(index)"
                    let link = model.link(mac: peer, vc: vc)
                    let outcome: TTPLinkOutcome
                    var bytes: [UInt8] = []
                    switch step {
                    case .frame(let opcode, let tx, let rx, let payload):
                        let f = TTPFrame(destination: EndpointBench.localMAC, source: peer, opcode: opcode, vc: vc,
                                         txID: tx(link), rxID: rx(link), payload: payload)
                        outcome = model.receive(f)
                        bench.send(f)
                        bytes = payload
                    case .command(let open):
                        outcome = model.command(open: open, mac: peer, vc: vc)
                        bench.commands.send(op: open ? 0 : 1, mac: peer.uint64, vc: vc)
                    }
                    bench.drain(quiet: 120)  // a close command's CLOSE takes a round trip through the replay lists
                    let sent = bench.sent, events = bench.events.records, delivered = bench.delivered
                    XCTAssertEqual(Array(sent[seen.frames...]), outcome.response.map { [$0] } ?? [], label)
                    let event = outcome.event.map { [EndpointBench.LinkEventRecord(kind: Int($0.rawValue), mac: peer.uint64, vc: vc)] }
                    XCTAssertEqual(Array(events[seen.events...]), event ?? [], label)
                    XCTAssertEqual(Array(delivered[seen.delivered...]),
                                   outcome.deliver ? [.init(bytes: bytes, mac: peer.uint64, vc: vc)] : [], label)
                    seen = (sent.count, events.count, delivered.count)
                }
            }
        }
        XCTAssertGreaterThan(seen.frames, 100)
    }
}
