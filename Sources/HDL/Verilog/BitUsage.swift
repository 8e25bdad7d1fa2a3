/// Which bits of which signals the emitted Verilog reads. Bits nothing reads
/// are gathered into a wire named `unused_*`, which Verilator's lint exempts
/// by name, so `-Wall` stays quiet about inputs a design reads only in part.
struct BitUsage {
    private var used: [ObjectIdentifier: [Bool]] = [:]

    mutating func markAll(_ signal: SignalNode) {
        used[ObjectIdentifier(signal)] = Array(repeating: true, count: signal.width)
    }

    /// Marks the bits every expression under `roots` reads.
    mutating func mark(_ roots: [Node]) {
        var seen = Set<ObjectIdentifier>()
        var stack = roots
        for root in roots { if let s = root.signal { markAll(s) } }
        while let node = stack.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            for operand in node.operands {
                guard let signal = operand.signal else { stack.append(operand); continue }
                if case .slice(_, let hi, let lo) = node.kind {
                    mark(signal, hi: hi, lo: lo)
                } else {
                    markAll(signal)
                }
            }
        }
    }

    private mutating func mark(_ signal: SignalNode, hi: Int, lo: Int) {
        var bits = used[ObjectIdentifier(signal)] ?? Array(repeating: false, count: signal.width)
        for i in lo...hi { bits[i] = true }
        used[ObjectIdentifier(signal)] = bits
    }

    /// Verilog selects of the bits of `signal` nobody reads, e.g. `["data[15:8]"]`.
    func unusedSelects(of signal: SignalNode, named name: String) -> [String] {
        guard let bits = used[ObjectIdentifier(signal)] else { return [name] }
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
