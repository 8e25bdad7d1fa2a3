/// Gives modules with state their `clk` and `rst` ports: a module gets `clk`
/// when it (or a child) has registers or memories, and `rst` when it (or a
/// child) has a register with a reset value. Unused ports would fail the
/// `verilator -Wall` lint, so modules without state get neither.
enum ClockAndReset {
    static func add(to instance: ModuleInstance) {
        let hasState = instance.signals.contains { $0.kind == .reg } || !instance.memories.isEmpty
        let needsClock = hasState || instance.children.contains { $0.clock != nil }
        let needsReset = instance.signals.contains { $0.kind == .reg && $0.defaultValue != nil }
            || instance.children.contains { $0.reset != nil }
        instance.isSequential = needsClock
        var front: [SignalNode] = []
        if needsClock { instance.clock = port("clk", instance); front.append(instance.clock!) }
        if needsReset { instance.reset = port("rst", instance); front.append(instance.reset!) }
        instance.ports.insert(contentsOf: front, at: 0)
    }

    /// Black boxes declare their own ports; `clk` and `rst` among them are
    /// connected to the parent's clock and reset.
    static func adoptDeclared(in instance: ModuleInstance) {
        instance.clock = instance.ports.first { $0.name == "clk" && $0.kind == .input }
        instance.reset = instance.ports.first { $0.name == "rst" && $0.kind == .input }
        instance.isSequential = instance.clock != nil
    }

    private static func port(_ name: String, _ instance: ModuleInstance) -> SignalNode {
        let node = SignalNode(kind: .input, width: 1,
                              location: SourceLocation(file: instance.typeName, line: 0), name: name)
        node.owner = instance
        return node
    }
}
