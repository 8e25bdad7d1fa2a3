/// Finds combinational loops: a signal that depends on itself through wires,
/// outputs and instance ports without passing a register or memory. Names
/// every signal on the loop with the line that drives it. Also records, for
/// the parent's check, which inputs each output depends on.
struct LoopCheck {
    let instance: ModuleInstance
    let log: DiagnosticLog

    func run() {
        let graph = dependencies()
        reportLoops(in: graph)
        recordCombinationalPaths(graph)
    }

    /// For each combinational signal, the combinational signals (and input ports) it reads.
    private func dependencies() -> [ObjectIdentifier: [SignalNode]] {
        var graph: [ObjectIdentifier: [SignalNode]] = [:]
        for signal in instance.drivableSignals where signal.kind != .reg {
            var reads: [SignalNode] = []
            var seen = Set<ObjectIdentifier>()
            for statement in instance.drivingStatements(of: signal) {
                statement.forEach { s in
                    for root in s.ownExpressions { collectReads(root, into: &reads, seen: &seen) }
                }
            }
            graph[ObjectIdentifier(signal)] = reads.flatMap(combinationalSources)
        }
        return graph
    }

    private func collectReads(_ root: Node, into reads: inout [SignalNode], seen: inout Set<ObjectIdentifier>) {
        var stack = [root]
        while let node = stack.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            if let s = node.signal { reads.append(s) }
            stack.append(contentsOf: node.operands)
        }
    }

    /// What a read depends on now: itself for a combinational signal or input of
    /// this module, the child's inputs for a child output, nothing for state.
    private func combinationalSources(_ signal: SignalNode) -> [SignalNode] {
        if signal.kind == .reg || signal.kind == .memoryReadData { return [] }
        guard let owner = signal.owner, owner !== instance else { return [signal] }
        if signal.kind == .input { return [signal] }
        let inputs = owner.combinationalInputs[ObjectIdentifier(signal)] ?? []
        return owner.ports.filter { inputs.contains(ObjectIdentifier($0)) }
    }

    private func reportLoops(in graph: [ObjectIdentifier: [SignalNode]]) {
        var state: [ObjectIdentifier: Int] = [:]   // 1 = on the path, 2 = done
        var path: [SignalNode] = []
        func visit(_ signal: SignalNode) {
            let key = ObjectIdentifier(signal)
            if state[key] == 2 { return }
            if state[key] == 1 {
                report(Array(path.drop { $0 !== signal }))
                return
            }
            state[key] = 1
            path.append(signal)
            for next in graph[key] ?? [] { visit(next) }
            path.removeLast()
            state[key] = 2
        }
        for signal in instance.drivableSignals where graph[ObjectIdentifier(signal)] != nil { visit(signal) }
    }

    private func report(_ loop: [SignalNode]) {
        let names = (loop + [loop[0]]).map { $0.name ?? "?" }.joined(separator: " -> ")
        let notes = loop.map { signal -> (SourceLocation, String) in
            let at = instance.drivingStatements(of: signal).first?.location ?? signal.location
            return (at, "`\(signal.name ?? "?")` is driven here")
        }
        log.error("combinational loop: \(names)", at: notes[0].0, notes: notes)
    }

    private func recordCombinationalPaths(_ graph: [ObjectIdentifier: [SignalNode]]) {
        for output in instance.ports where output.kind == .output {
            var seen = Set<ObjectIdentifier>(), inputs = Set<ObjectIdentifier>()
            var stack = [output]
            while let s = stack.popLast() {
                guard seen.insert(ObjectIdentifier(s)).inserted else { continue }
                if s.kind == .input && s.owner === instance { inputs.insert(ObjectIdentifier(s)) }
                stack.append(contentsOf: graph[ObjectIdentifier(s)] ?? [])
            }
            instance.combinationalInputs[ObjectIdentifier(output)] = inputs
        }
    }
}
