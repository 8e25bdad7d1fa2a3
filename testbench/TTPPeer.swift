import HDL

/// A TTP peer for test benches: the other end of one link, written from
/// WIRE-FORMAT.md. It opens the link, sends its payloads with a window of
/// unacknowledged ones, loses and duplicates some on purpose (seeded),
/// goes back to the first missing ID on NACK or NACK_FULL or when nothing
/// comes back for `timeout` cycles, closes once all are acknowledged, and
/// can then open again. It drives a `TTPNetDriver` and reads the frames the
/// endpoint sends from a `TTPNetCollector`; call `step(cycle:)` once a clock.
public final class TTPPeer {
    public enum Phase: Equatable, Sendable { case opening, sending, closing, closed }

    public let mac: MACAddress
    public let vc: UInt8
    public let endpointMAC: MACAddress
    public private(set) var phase: Phase = .closed
    /// The OPEN's TxID: the first PAYLOAD is start + 1.
    public private(set) var start: UInt32 = 0
    /// Frames of the endpoint this peer has answered or looked at.
    public private(set) var framesRead = 0
    /// Frames this peer dropped on purpose / sent twice.
    public private(set) var lost = 0
    public private(set) var duplicated = 0

    private let driver: TTPNetDriver
    private let collector: TTPNetCollector
    private var random: SeededRandom
    private let lossRate: Double, duplicateRate: Double
    private let window: Int, timeout: Int
    private var payloads: [[UInt8]] = []
    /// Payloads acknowledged / the next to send (indices into `payloads`).
    private var acknowledged = 0
    private var sendPoint = 0
    private var lastProgress = 0
    /// The endpoint's last TxID as it told us (its OPEN_ACK's TxID).
    private var endpointLastTx: UInt32 = 0

    public init(mac: MACAddress, vc: UInt8, endpointMAC: MACAddress, driver: TTPNetDriver, collector: TTPNetCollector,
                random: SeededRandom, lossRate: Double = 0.05, duplicateRate: Double = 0.05,
                window: Int = 8, timeout: Int = 600) {
        (self.mac, self.vc, self.endpointMAC) = (mac, vc, endpointMAC)
        (self.driver, self.collector, self.random) = (driver, collector, random)
        (self.lossRate, self.duplicateRate, self.window, self.timeout) = (lossRate, duplicateRate, window, timeout)
    }

    /// Opens the link at `start` and sends `payloads`, then closes it.
    public func transfer(_ payloads: [[UInt8]], start: UInt32, cycle: Int) {
        precondition(phase == .closed, "the peer is busy")
        self.payloads = payloads
        (self.start, acknowledged, sendPoint, lastProgress) = (start, 0, 0, cycle)
        phase = .opening
        send(.open, tx: start)
    }

    public var isDone: Bool { phase == .closed }

    /// One clock: answer what the endpoint sent, send what the window allows.
    public func step(cycle: Int) {
        while framesRead < collector.count {
            let decoded = collector.decoded(at: framesRead)
            framesRead += 1
            if case .success(let frame) = decoded, frame.destination == mac, frame.vc == vc {
                receive(frame, cycle: cycle)
            }
        }
        if cycle - lastProgress > timeout { retry(cycle: cycle) }
        guard phase == .sending, driver.isDone else { return }
        if sendPoint < payloads.count, sendPoint - acknowledged < window {
            sendPayload(sendPoint)
            sendPoint += 1
        } else if acknowledged == payloads.count {
            phase = .closing
            lastProgress = cycle
            send(.close, tx: id(of: payloads.count), rx: endpointLastTx)
        }
    }

    private func receive(_ frame: TTPFrame, cycle: Int) {
        switch (phase, frame.opcode) {
        case (.opening, .openAck) where frame.rxID == start:
            endpointLastTx = frame.txID
            phase = .sending
            lastProgress = cycle
        case (.sending, .ack):
            let taken = Int(frame.rxID &- start)
            if taken > acknowledged && taken <= payloads.count {
                acknowledged = taken
                sendPoint = max(sendPoint, taken)
                lastProgress = cycle
            }
        case (.sending, .nack), (.sending, .nackFull):
            let missing = Int(frame.rxID &- start) - 1
            if missing >= acknowledged && missing < payloads.count { sendPoint = missing }
        case (.closing, .closeAck):
            phase = .closed
        default:
            break
        }
    }

    /// Nothing came back in time: the OPEN, the oldest unacknowledged payload or the CLOSE again.
    private func retry(cycle: Int) {
        lastProgress = cycle
        switch phase {
        case .opening: send(.open, tx: start)
        case .sending: sendPoint = acknowledged
        case .closing: send(.close, tx: id(of: payloads.count), rx: endpointLastTx)
        case .closed: break
        }
    }

    private func id(of index: Int) -> UInt32 { start &+ UInt32(index) &+ 1 }

    private func sendPayload(_ index: Int) {
        if random.chance(lossRate) { lost += 1; return }
        send(.payload, tx: id(of: index), payload: payloads[index])
        if random.chance(duplicateRate) {
            duplicated += 1
            send(.payload, tx: id(of: index), payload: payloads[index])
        }
    }

    private func send(_ opcode: TTPOpcode, tx: UInt32, rx: UInt32 = 0, payload: [UInt8] = []) {
        driver.send(TTPFrame(destination: endpointMAC, source: mac, opcode: opcode, vc: vc, txID: tx, rxID: rx,
                             payload: payload))
    }
}
