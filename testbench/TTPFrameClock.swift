import HDL

/// Records when each frame of an AXI4-Stream (`<prefix>_tvalid/tready/tlast`)
/// moves: the cycle of its first beat and of its last, and every cycle a
/// beat moves, so a test can measure latency (a frame in to a frame out)
/// and line use (beats over cycles). Cycle counts do not depend on the machine.
public final class TTPFrameClock: CycleAgent {
    private let valid, ready, last: PortHandle
    private var inFrame = false
    public private(set) var firstBeats: [Int] = []
    public private(set) var lastBeats: [Int] = []

    public init(_ sim: Simulator, prefix: String) {
        (valid, ready, last) = (sim.port("\(prefix)_tvalid"), sim.port("\(prefix)_tready"), sim.port("\(prefix)_tlast"))
    }

    public func drive(_ sim: Simulator) {}

    public func observe(_ sim: Simulator) {
        guard sim.get(valid) == 1, sim.get(ready) == 1 else { return }
        if !inFrame { firstBeats.append(sim.cycle) }
        inFrame = sim.get(last) == 0
        if !inFrame { lastBeats.append(sim.cycle) }
    }
}
