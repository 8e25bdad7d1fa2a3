import HDL

/// The receiving side of TTP for test benches, written from WIRE-FORMAT.md:
/// the peers at the other end of every link the endpoint opens. It answers
/// OPEN with OPEN_ACK and CLOSE with CLOSE_ACK, takes PAYLOADs by the
/// receiver rules (in order: take and ACK; a replay: ACK again; a gap:
/// NACK `r + 1` once, then ignore younger ones until `r + 1` comes) and
/// keeps what each link took, in order. The test decides, frame by frame,
/// what the wire loses and how the peer misbehaves (`losesPayload`,
/// `losesAck`, `refusesFull`, `knowsNoLink`); `acking` false holds ACKs
/// back (a slow peer) until `releaseAcks()`. Call `step()` once a clock.
public final class TTPReceiver {
    public struct Link: Hashable, Sendable, CustomStringConvertible {
        public var mac: MACAddress, vc: UInt8
        public init(mac: MACAddress, vc: UInt8) { (self.mac, self.vc) = (mac, vc) }
        public var description: String { "\(mac) vc \(vc)" }
    }

    public struct State: Sendable {
        public var open = false
        /// The last PAYLOAD ID taken in order (`r`).
        public var lastTaken: UInt32 = 0
        public var nackMarked = false
        public var taken: [[UInt8]] = []
        /// PAYLOAD frames seen (not lost), replays among them.
        public var payloadsSeen = 0
        public var replaysSeen = 0
        /// Opens and closes seen.
        public var opens = 0
        public var closes = 0
    }

    /// The start ID this peer announces in OPEN_ACK (not the endpoint's business).
    public let startID: UInt32 = 0x0100_0000
    public private(set) var links: [Link: State] = [:]
    public var losesPayload: (Link, TTPFrame) -> Bool = { _, _ in false }
    public var losesAck: (Link, UInt32) -> Bool = { _, _ in false }
    public var refusesFull: (Link, TTPFrame) -> Bool = { _, _ in false }
    public var knowsNoLink: (Link) -> Bool = { _ in false }
    public var acking = true
    /// Frames the endpoint sent that reached this peer, in order, and the
    /// cycle each was read.
    public private(set) var seen: [TTPFrame] = []
    /// Frames of the endpoint that were not TTP or not to a link of this peer.
    public private(set) var strays = 0
    /// Frames this peer sent, in order (the order they reach `net_rx`).
    public private(set) var answers: [TTPFrame] = []

    private let driver: TTPNetDriver
    private let collector: TTPNetCollector
    private let endpointMAC: MACAddress
    private var framesRead = 0

    public init(endpointMAC: MACAddress, driver: TTPNetDriver, collector: TTPNetCollector) {
        (self.endpointMAC, self.driver, self.collector) = (endpointMAC, driver, collector)
    }

    public func state(_ link: Link) -> State { links[link] ?? State() }

    /// One clock: answer every frame the endpoint sent since the last call.
    public func step() {
        while framesRead < collector.count {
            let decoded = collector.decoded(at: framesRead)
            framesRead += 1
            guard case .success(let frame) = decoded, frame.source == endpointMAC else { strays += 1; continue }
            receive(frame)
        }
    }

    /// Sends the ACK held back on every link (cumulative: ACK of `r`).
    public func releaseAcks() {
        acking = true
        for (link, state) in links.sorted(by: { $0.key.description < $1.key.description }) where state.open {
            answer(link, .ack, rx: state.lastTaken)
        }
    }

    private func receive(_ frame: TTPFrame) {
        let link = Link(mac: frame.destination, vc: frame.vc)
        var state = links[link] ?? State()
        defer { links[link] = state }
        switch frame.opcode {
        case .open:
            state.opens += 1
            state.open = true
            state.lastTaken = frame.txID
            state.nackMarked = false
            answer(link, .openAck, tx: startID, rx: frame.txID)
        case .close:
            state.closes += 1
            state.open = false
            answer(link, .closeAck, rx: frame.txID)
        case .payload:
            guard !losesPayload(link, frame) else { return }
            seen.append(frame)
            state.payloadsSeen += 1
            payload(frame, link: link, state: &state)
        default:
            seen.append(frame)
        }
    }

    private func payload(_ frame: TTPFrame, link: Link, state: inout State) {
        let t = frame.txID
        guard state.open, !knowsNoLink(link) else { answer(link, .nackNoLink, rx: t); return }
        if TTPSequence.isYounger(state.lastTaken &+ 1, than: t) || t == state.lastTaken {
            state.replaysSeen += 1
            ack(link, t)
        } else if t == state.lastTaken &+ 1 {
            if refusesFull(link, frame) { answer(link, .nackFull, rx: t); return }
            state.taken.append(frame.payload)
            state.lastTaken = t
            state.nackMarked = false
            ack(link, t)
        } else if !state.nackMarked {
            state.nackMarked = true
            answer(link, .nack, rx: state.lastTaken &+ 1)
        }
    }

    private func ack(_ link: Link, _ id: UInt32) {
        guard acking, !losesAck(link, id) else { return }
        answer(link, .ack, rx: id)
    }

    private func answer(_ link: Link, _ opcode: TTPOpcode, tx: UInt32 = 0, rx: UInt32) {
        let frame = TTPFrame(destination: endpointMAC, source: link.mac, opcode: opcode, vc: link.vc, txID: tx, rxID: rx)
        answers.append(frame)
        driver.send(frame)
    }
}
