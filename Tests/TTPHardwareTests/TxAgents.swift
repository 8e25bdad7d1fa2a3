import HDL
import TTPTestbench

/// Drives the descriptor port from a queue of frames: `desc_valid` with the
/// frame's fields, held unchanged until `desc_ready` takes it.
final class TxDescriptorAgent: CycleAgent {
    private let valid, ready, opcode, vc, peerMAC, txID, rxID, length: PortHandle
    private var idle: StallGenerator
    private var queue: [TTPFrame] = []
    private var head = 0
    private var offered: TTPFrame?

    init(_ sim: Simulator, idle: StallGenerator) {
        valid = sim.port("desc_valid")
        ready = sim.port("desc_ready")
        opcode = sim.port("desc_opcode")
        vc = sim.port("desc_vc")
        peerMAC = sim.port("desc_peer_mac")
        txID = sim.port("desc_tx_id")
        rxID = sim.port("desc_rx_id")
        length = sim.port("desc_payload_length")
        self.idle = idle
    }

    func send(_ frame: TTPFrame) { queue.append(frame) }

    var isDone: Bool { offered == nil && head == queue.count }

    func drive(_ sim: Simulator) {
        if offered == nil, head < queue.count, !idle.next() {
            offered = queue[head]
            head += 1
        }
        let frame = offered
        sim.set(valid, frame == nil ? 0 : 1)
        sim.set(opcode, UInt64(frame?.opcode.rawValue ?? 0))
        sim.set(vc, UInt64(frame?.vc ?? 0))
        sim.set(peerMAC, frame?.destination.uint64 ?? 0)
        sim.set(txID, UInt64(frame?.txID ?? 0))
        sim.set(rxID, UInt64(frame?.rxID ?? 0))
        sim.set(length, UInt64(frame?.payload.count ?? 0))
    }

    func observe(_ sim: Simulator) {
        if offered != nil, sim.get(ready) == 1 { offered = nil }
    }
}

/// Watches `net_tx` transfers: when they happen (to count idle cycles), where
/// frames end (pcap timestamps), and the beat shape: full beats except the
/// last, whose `tkeep` is contiguous from bit 0 and whose dropped bytes are zero.
final class TxNetMonitor: CycleAgent {
    private let valid, ready, last, keep, data: PortHandle
    private let bytesPerBeat: Int
    private(set) var transfers = 0
    private(set) var firstCycle: Int?
    private(set) var lastCycle = 0
    private(set) var frameEndCycles: [Int] = []
    private(set) var problems: [String] = []

    init(_ sim: Simulator) {
        valid = sim.port("net_tx_tvalid")
        ready = sim.port("net_tx_tready")
        last = sim.port("net_tx_tlast")
        keep = sim.port("net_tx_tkeep")
        data = sim.port("net_tx_tdata")
        bytesPerBeat = data.width / 8
    }

    /// Cycles from the first transfer to the last, both included.
    var activeSpan: Int { firstCycle.map { lastCycle - $0 + 1 } ?? 0 }

    func drive(_ sim: Simulator) {}

    func observe(_ sim: Simulator) {
        guard sim.get(valid) == 1, sim.get(ready) == 1 else { return }
        transfers += 1
        if firstCycle == nil { firstCycle = sim.cycle }
        lastCycle = sim.cycle
        let keepBits = sim.getBits(keep)
        let kept = (0..<bytesPerBeat).prefix { keepBits[bit: $0] }.count
        let isLast = sim.get(last) == 1
        if isLast { frameEndCycles.append(sim.cycle) }
        if (0..<bytesPerBeat).contains(where: { keepBits[bit: $0] != ($0 < kept) }) {
            problems.append("cycle \(sim.cycle): tkeep \(keepBits) is not contiguous from bit 0")
        }
        if !isLast, kept != bytesPerBeat {
            problems.append("cycle \(sim.cycle): a partial beat before the last")
        }
        let beat = sim.getBits(data)
        if (kept..<bytesPerBeat).contains(where: { beat.byte($0) != 0 }) {
            problems.append("cycle \(sim.cycle): bytes past tkeep are not zero")
        }
    }
}
