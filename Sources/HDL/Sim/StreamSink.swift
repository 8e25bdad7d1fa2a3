/// Receives a design's AXI4-Stream output `<prefix>_tdata/tkeep/tvalid/tlast/tuser`,
/// driving `<prefix>_tready` low when the back-pressure generator says so.
///
/// Collects frames (the bytes whose `tkeep` bit is set; every byte without
/// `tkeep`) and counts beats. It also checks the source side of the
/// protocol: a beat offered but not accepted must stay offered, unchanged,
/// next cycle; breaches are listed in `protocolErrors`.
public final class StreamSink: CycleAgent {
    private let ports: StreamPorts
    private var backPressure: StallGenerator
    private var ready = false
    private var partial: [UInt8] = []
    /// The beat offered but refused last cycle, which must be offered again.
    private var refused: BitVector?

    /// Complete frames received, in order.
    public private(set) var frames: [StreamFrame] = []
    public private(set) var beatsReceived = 0
    /// Cycles in which a beat was offered while `tready` was low.
    public private(set) var stalledCycles = 0
    /// AXI4-Stream rule breaches seen on the design's output.
    public private(set) var protocolErrors: [String] = []

    /// - Parameters:
    ///   - prefix: the stream's port prefix, e.g. `m_axis`.
    ///   - backPressure: when to hold `tready` low.
    public init(_ sim: Simulator, prefix: String, backPressure: StallGenerator = .never) {
        self.ports = StreamPorts(sim, prefix: prefix)
        self.backPressure = backPressure
    }

    public func drive(_ sim: Simulator) {
        ready = !backPressure.next()
        sim.set(ports.tready, ready ? 1 : 0)
    }

    public func observe(_ sim: Simulator) {
        let valid = sim.get(ports.tvalid) == 1
        let beat = valid ? snapshot(sim) : nil
        if let refused, beat != refused {
            protocolErrors.append("cycle \(sim.cycle): a refused beat was withdrawn or changed")
        }
        refused = (valid && !ready) ? beat : nil
        guard valid else { return }
        guard ready else {
            stalledCycles += 1
            return
        }
        accept(sim)
    }

    private func accept(_ sim: Simulator) {
        beatsReceived += 1
        let data = sim.getBits(ports.tdata)
        let keep = ports.tkeep.map { sim.getBits($0) }
        for byte in 0..<ports.bytesPerBeat where keep?[bit: byte] ?? true {
            partial.append(data.byte(byte))
        }
        if ports.tlast.map({ sim.get($0) == 1 }) ?? true {
            frames.append(StreamFrame(partial, user: ports.tuser.map { sim.getBits($0).low64 } ?? 0))
            partial.removeAll()
        }
    }

    /// Every payload signal of the offered beat, concatenated, for the
    /// unchanged-while-refused check.
    private func snapshot(_ sim: Simulator) -> BitVector {
        let parts = [ports.tdata, ports.tkeep, ports.tlast, ports.tuser].compactMap { $0 }.map { sim.getBits($0) }
        let words = parts.flatMap(\.words)
        return BitVector(words: words, width: words.count * 64)
    }
}
