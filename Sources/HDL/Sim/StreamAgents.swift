/// A host-side test agent advanced once per clock cycle.
///
/// The per-cycle protocol, which `Simulator.step(_:agents:)` runs:
/// 1. every agent `drive`s its inputs for the coming rising edge;
/// 2. every agent `observe`s, after all have driven, so a `tready` or
///    `tvalid` that depends combinationally on another agent's input is
///    already settled; a handshake seen here (`tvalid && tready`) is the one
///    the edge completes;
/// 3. the simulator steps one cycle.
/// Drive-all-then-observe-all matters: a sink that observed before the source
/// drove would miss a beat that passes through combinationally.
public protocol CycleAgent: AnyObject {
    /// Sets this agent's design inputs for the coming rising edge.
    func drive(_ sim: Simulator)
    /// Sees what the coming rising edge will transfer; changes no input.
    func observe(_ sim: Simulator)
}

extension Simulator {
    /// Runs `cycles` cycles of the agent protocol: all drive, all observe, step.
    public func step(_ cycles: Int = 1, agents: [CycleAgent]) {
        for _ in 0..<cycles {
            for agent in agents { agent.drive(self) }
            for agent in agents { agent.observe(self) }
            step()
        }
    }

    /// Runs the agent protocol until `done()` holds (checked before each
    /// cycle) or `timeout` cycles pass. Returns whether `done()` held.
    @discardableResult
    public func step(agents: [CycleAgent], until done: () -> Bool, timeout: Int) -> Bool {
        for _ in 0..<timeout {
            if done() { return true }
            step(agents: agents)
        }
        return done()
    }
}
