/// Finds combinational loops: a signal that depends on itself through wires,
/// outputs and instance ports without passing a register or memory. Names
/// every signal on the loop with the line that drives it. Also records, for
/// the parent's check, which inputs each output depends on.
///
/// The search runs over expression nodes and signals together, visiting each
/// once (a per-signal walk of its whole cone is quadratic when cones share
/// subexpressions), with an explicit stack (deep designs would overflow the
/// call stack).
struct LoopCheck {
    let instance: ModuleInstance
    let log: DiagnosticLog

    /// A vertex of the dependency graph: a signal, or an expression node.
    private enum Vertex {
        case signal(SignalNode)
        case node(Node)

        var id: ObjectIdentifier {
            switch self {
            case .signal(let s): return ObjectIdentifier(s)
            case .node(let n): return ObjectIdentifier(n)
            }
        }
    }

    private struct Frame {
        let vertex: Vertex
        let successors: [Vertex]
        var next = 0
    }

    func run() {
        let inputs = instance.ports.filter { $0.kind == .input }
        let inputIndex = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { (ObjectIdentifier($1), $0) })
        let reached = search(inputIndex: inputIndex, wordCount: max(1, (inputs.count + 63) / 64))
        for output in instance.ports where output.kind == .output {
            let mask = reached[ObjectIdentifier(output)] ?? []
            instance.combinationalInputs[ObjectIdentifier(output)] = Set(inputs.enumerated().compactMap { i, input in
                mask.isEmpty || mask[i / 64] & (1 << UInt64(i % 64)) == 0 ? nil : ObjectIdentifier(input)
            })
        }
    }

    /// Depth-first search from every driven signal. Reports each loop found
    /// (a successor still on the stack) and returns, for each finished
    /// vertex, the set of this module's inputs it reaches, as a bit mask.
    private func search(inputIndex: [ObjectIdentifier: Int], wordCount: Int) -> [ObjectIdentifier: [UInt64]] {
        var onStack: [ObjectIdentifier: Int] = [:]   // position of the vertex in `stack`
        var reached: [ObjectIdentifier: [UInt64]] = [:]
        var done = Set<ObjectIdentifier>()
        var stack: [Frame] = []
        for signal in instance.drivableSignals where signal.kind != .reg {
            guard !done.contains(ObjectIdentifier(signal)) else { continue }
            stack.append(Frame(vertex: .signal(signal), successors: successors(of: .signal(signal))))
            onStack[ObjectIdentifier(signal)] = 0
            while !stack.isEmpty {
                let top = stack.count - 1
                guard stack[top].next < stack[top].successors.count else {
                    let frame = stack.removeLast()
                    onStack[frame.vertex.id] = nil
                    done.insert(frame.vertex.id)
                    let mask = inputMask(frame, reached, inputIndex, wordCount)
                    if !mask.isEmpty { reached[frame.vertex.id] = mask }
                    continue
                }
                let next = stack[top].successors[stack[top].next]
                stack[top].next += 1
                if let position = onStack[next.id] {
                    report(stack[position...].compactMap { frame -> SignalNode? in
                        if case .signal(let s) = frame.vertex { return s } else { return nil }
                    })
                } else if !done.contains(next.id) {
                    onStack[next.id] = stack.count
                    stack.append(Frame(vertex: next, successors: successors(of: next)))
                }
            }
        }
        return reached
    }

    /// The inputs a finished vertex reaches: itself if it is an input, else the
    /// union over its successors. Empty masks are not stored.
    private func inputMask(_ frame: Frame, _ reached: [ObjectIdentifier: [UInt64]],
                           _ inputIndex: [ObjectIdentifier: Int], _ wordCount: Int) -> [UInt64] {
        if let i = inputIndex[frame.vertex.id] {
            var mask = [UInt64](repeating: 0, count: wordCount)
            mask[i / 64] |= 1 << UInt64(i % 64)
            return mask
        }
        var mask: [UInt64] = []
        for successor in frame.successors {
            guard let other = reached[successor.id] else { continue }
            if mask.isEmpty { mask = other; continue }
            for w in 0..<wordCount { mask[w] |= other[w] }
        }
        return mask
    }

    /// What a vertex depends on now: an expression on its operands, a read on
    /// the signal read; a signal driven here on the expressions that drive it,
    /// a child's output on the child's inputs it passes through combinationally;
    /// state and this module's inputs on nothing.
    private func successors(of vertex: Vertex) -> [Vertex] {
        switch vertex {
        case .node(let node):
            if let read = node.signal { return [.signal(read)] }
            return node.operands.map(Vertex.node)
        case .signal(let signal):
            if signal.kind == .reg || signal.kind == .memoryReadData { return [] }
            if let owner = signal.owner, owner !== instance, signal.kind == .output {
                let inputs = owner.combinationalInputs[ObjectIdentifier(signal)] ?? []
                return owner.ports.filter { inputs.contains(ObjectIdentifier($0)) }.map(Vertex.signal)
            }
            if signal.kind == .input && signal.owner === instance { return [] }
            var roots: [Vertex] = []
            for statement in instance.drivingStatements(of: signal) {
                statement.forEach { s in roots += s.ownExpressions.map(Vertex.node) }
            }
            return roots
        }
    }

    /// `loop` lists the signals in dependency order: each reads the next.
    /// The loop is reported at its first statement in the source, so the
    /// message does not depend on where the search happened to enter it.
    private func report(_ found: [SignalNode]) {
        guard !found.isEmpty else { return }
        let lines = found.map { instance.drivingStatements(of: $0).first?.location.line ?? Int.max }
        let start = lines.indices.min { lines[$0] < lines[$1] }!
        let loop = Array(found[start...] + found[..<start])
        let names = (loop + [loop[0]]).map(name).joined(separator: " -> ")
        let notes = loop.map { signal -> (SourceLocation, String) in
            let at = instance.drivingStatements(of: signal).first?.location ?? signal.location
            return (at, "`\(name(signal))` is driven here")
        }
        log.error("combinational loop: \(names) (each reads the next without a register between)",
                  at: notes[0].0, notes: notes)
    }

    /// The name as the user knows it: `child.port` for an instance's port.
    private func name(_ signal: SignalNode) -> String {
        if let owner = signal.owner, owner !== instance { return "\(owner.instanceName ?? "?").\(signal.name ?? "?")" }
        return signal.name ?? "?"
    }
}
