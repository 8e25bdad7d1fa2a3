import HDL

/// Drives the endpoint's `host_tx_*` from a queue of payloads, each with its
/// link (`host_tx_dest_mac`, `host_tx_vc`, held on every beat of the
/// payload): beat by beat at the bus width, byte 0 in `tdata[7:0]`, a beat
/// held until `host_tx_tready` takes it (ENDPOINT.md). Counts the cycles
/// it had a beat waiting that was not taken.
public final class TTPHostPayloadSource: CycleAgent {
    public struct Payload: Sendable {
        public var bytes: [UInt8], mac: MACAddress, vc: UInt8
        public init(_ bytes: [UInt8], mac: MACAddress, vc: UInt8) { (self.bytes, self.mac, self.vc) = (bytes, mac, vc) }
    }

    private let valid, ready, data, keep, last, mac, vc: PortHandle
    private let bytesPerBeat: Int
    private var queue: [Payload] = []
    private var head = 0
    private var beat = 0
    private var offering = false
    /// Payloads taken whole, in order, and the cycle of each one's last beat.
    public private(set) var taken: [Payload] = []
    public private(set) var takenCycles: [Int] = []
    public private(set) var waitedCycles = 0

    public init(_ sim: Simulator, dataWidth: Int) {
        bytesPerBeat = dataWidth / 8
        (valid, ready, data) = (sim.port("host_tx_tvalid"), sim.port("host_tx_tready"), sim.port("host_tx_tdata"))
        (keep, last) = (sim.port("host_tx_tkeep"), sim.port("host_tx_tlast"))
        (mac, vc) = (sim.port("host_tx_dest_mac"), sim.port("host_tx_vc"))
    }

    public func send(_ payload: Payload) { queue.append(payload) }
    public func send(_ bytes: [UInt8], mac: MACAddress, vc: UInt8) { send(Payload(bytes, mac: mac, vc: vc)) }
    public var isDone: Bool { head == queue.count }
    public var waiting: Int { queue.count - head }

    public func drive(_ sim: Simulator) {
        offering = head < queue.count
        sim.set(valid, offering ? 1 : 0)
        guard offering else { return }
        let payload = queue[head]
        let start = beat * bytesPerBeat
        let chunk = Array(payload.bytes[start..<min(start + bytesPerBeat, payload.bytes.count)])
        var keepBits = BitVector(width: bytesPerBeat)
        for byte in 0..<chunk.count { keepBits[bit: byte] = true }
        sim.set(data, BitVector(bytesLittleEndian: chunk, width: bytesPerBeat * 8))
        sim.set(keep, keepBits)
        sim.set(last, start + bytesPerBeat >= payload.bytes.count ? 1 : 0)
        sim.set(mac, payload.mac.uint64)
        sim.set(vc, UInt64(payload.vc))
    }

    public func observe(_ sim: Simulator) {
        guard offering else { return }
        guard sim.get(ready) == 1 else { waitedCycles += 1; return }
        beat += 1
        if beat * bytesPerBeat >= queue[head].bytes.count {
            taken.append(queue[head])
            takenCycles.append(sim.cycle)
            head += 1
            beat = 0
        }
    }
}
