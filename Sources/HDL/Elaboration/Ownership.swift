/// Settles which module owns each signal a body uses, and reports a signal of
/// one module used inside another without passing through a port.
///
/// Signals stored in properties were claimed by `MemberCollector`; a signal
/// first met in a body (a local `Wire`, a memory port) is claimed here. A
/// module may drive the inputs and read the ports of its direct children;
/// anything else owned elsewhere is an error.
struct Ownership {
    let instance: ModuleInstance
    let log: DiagnosticLog

    func resolve() {
        for memory in instance.memories { claimPorts(of: memory) }
        var seen: Set<ObjectIdentifier> = []
        for statement in instance.statements {
            statement.forEach { s in
                if case .assign(let target, _) = s.kind { check(target, writing: true, at: s.location) }
                for root in s.ownExpressions { walk(root, at: s.location, seen: &seen) }
            }
        }
        for signal in instance.signals where signal.kind == .reg {
            if let enable = signal.enable { walk(enable, at: signal.location, seen: &seen) }
        }
    }

    private func claimPorts(of memory: MemoryNode) {
        let base = memory.name ?? "mem"
        let named: [(SignalNode, String)] = [(memory.writeEnable, "wr_en"), (memory.writeAddress, "wr_addr"),
                                             (memory.writeData, "wr_data")]
        let reads = memory.readPorts.enumerated().flatMap { i, port -> [(SignalNode, String)] in
            let prefix = memory.readPorts.count == 1 ? "rd" : "rd\(i)"
            return [(port.address, "\(prefix)_addr"), (port.enable, "\(prefix)_en"), (port.data, "\(prefix)_data")]
        }
        for (signal, suffix) in named + reads where signal.owner == nil {
            signal.owner = instance
            signal.name = "\(base)_\(suffix)"
            instance.signals.append(signal)
        }
    }

    private func walk(_ node: Node, at location: SourceLocation, seen: inout Set<ObjectIdentifier>) {
        Node.forEachSignalRead(under: node, seen: &seen) { signal in
            check(signal, writing: false, at: location)
            return true
        }
    }

    private func check(_ signal: SignalNode, writing: Bool, at location: SourceLocation) {
        guard let owner = signal.owner else { return claimLocal(signal, at: location) }
        if owner === instance {
            if writing && signal.kind == .input {
                log.error("input `\(signal.displayName)` is driven inside its own module; inputs are driven by the parent",
                          at: location, notes: [(signal.location, "`\(signal.displayName)` is declared here")])
            }
            return
        }
        let isChildPort = owner.parent === instance && signal.isPort
        if isChildPort && !(writing && signal.kind == .output) { return }
        if isChildPort {
            log.error("output `\(signal.displayName)` of instance `\(owner.instanceName ?? "?")` is driven from its parent `\(instance.typeName)`; outputs are driven inside their module",
                      at: location, notes: [(signal.location, "`\(signal.displayName)` is declared here")])
            return
        }
        log.error("signal `\(signal.displayName)` of module `\(owner.path)` is used in `\(instance.path)` without passing through a port",
                  at: location, notes: [(signal.location, "`\(signal.displayName)` is declared here")])
    }

    private func claimLocal(_ signal: SignalNode, at location: SourceLocation) {
        signal.owner = instance
        if signal.isPort {
            log.error("port created inside a body; ports must be stored properties of the module",
                      at: signal.location)
        }
        instance.signals.append(signal)
    }
}
