/// Which bits of which signals (and of which expressions the printer names as
/// temporaries) the emitted Verilog reads. Bits nothing reads are gathered
/// into a wire named `unused_*`, which Verilator's lint exempts by name, so
/// `-Wall` stays quiet about inputs a design reads only in part.
struct BitUsage {
    private var used: [ObjectIdentifier: [Bool]] = [:]

    mutating func markAll(_ signal: SignalNode) {
        used[ObjectIdentifier(signal)] = Array(repeating: true, count: signal.width)
    }

    private mutating func markAll(_ node: Node) {
        if let signal = node.signal { return markAll(signal) }
        used[ObjectIdentifier(node)] = Array(repeating: true, count: node.width)
    }

    /// Marks the bits every expression under `roots` reads: all bits of an
    /// operand, except the operand of a slice, of which only the sliced bits.
    mutating func mark(_ roots: [Node]) {
        var seen = Set<ObjectIdentifier>()
        var stack = roots
        for root in roots { markAll(root) }
        while let node = stack.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            for operand in node.operands {
                if case .slice(_, let hi, let lo) = node.kind {
                    mark(operand, hi: hi, lo: lo)
                } else {
                    markAll(operand)
                }
                if operand.signal == nil { stack.append(operand) }
            }
        }
    }

    private mutating func mark(_ node: Node, hi: Int, lo: Int) {
        let key = node.signal.map(ObjectIdentifier.init) ?? ObjectIdentifier(node)
        var bits = used[key] ?? Array(repeating: false, count: node.width)
        for i in lo...hi where i < bits.count { bits[i] = true }
        used[key] = bits
    }

    /// Verilog selects of the bits of `signal` nobody reads, e.g. `["data[15:8]"]`.
    func unusedSelects(of signal: SignalNode, named name: String) -> [String] {
        unusedSelects(of: ObjectIdentifier(signal), width: signal.width, named: name)
    }

    /// The same for any node or signal, by identity.
    func unusedSelects(of key: ObjectIdentifier, width: Int, named name: String) -> [String] {
        guard let bits = used[key] else { return [name] }
        var out: [String] = []
        var i = 0
        while i < bits.count {
            guard !bits[i] else { i += 1; continue }
            var j = i
            while j + 1 < bits.count && !bits[j + 1] { j += 1 }
            if i == 0 && j == bits.count - 1 { out.append(name) }
            else { out.append(i == j ? "\(name)[\(i)]" : "\(name)[\(j):\(i)]") }
            i = j + 1
        }
        return out
    }
}
