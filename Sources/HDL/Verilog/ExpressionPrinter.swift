/// Prints expression nodes as Verilog-2005 whose self-determined widths equal
/// the DSL's widths (so `verilator -Wall` finds nothing to widen or truncate).
///
/// A node used more than once, or one Verilog cannot slice in place
/// (`(a + b)[3:0]` is not Verilog), gets a named wire: `<consumer>_t<k>`,
/// named after the signal it first feeds. So does every `maxInlineDepth`-th
/// level of a deeply nested expression, which keeps lines readable and the
/// printer's recursion shallow (a 100,000-deep chain would overflow the stack).
final class ExpressionPrinter {
    static let maxInlineDepth = 24

    struct Temporary {
        /// The node it names (for `BitUsage`, which tracks bits by node).
        let node: ObjectIdentifier
        let name: String
        let width: Int
        let text: String
    }

    private let nameOf: (SignalNode) -> String
    private var uses: [ObjectIdentifier: Int] = [:]
    private var tempNames: [ObjectIdentifier: String] = [:]
    private(set) var temporaries: [Temporary] = []
    private var takenNames: Set<String>
    private var counters: [String: Int] = [:]
    /// Nodes that get a temporary because they sit `maxInlineDepth` levels above the last one.
    private var deep: Set<ObjectIdentifier> = []

    /// `takenNames`: the module's signal names. Verilog's reserved words are
    /// taken too, so an expression named `and` becomes `and_1`.
    init(takenNames: Set<String>, nameOf: @escaping (SignalNode) -> String) {
        self.takenNames = takenNames.union(ReservedWords.all)
        self.nameOf = nameOf
    }

    /// Counts how often each node is used, over every expression that will be printed.
    func countUses(_ roots: [Node]) {
        var stack = roots
        while let node = stack.popLast() {
            let key = ObjectIdentifier(node)
            uses[key, default: 0] += 1
            if uses[key] == 1 { stack.append(contentsOf: node.operands) }
        }
        markDeepNodes(roots)
    }

    /// Marks nodes to break into temporaries so that no inline expression is
    /// deeper than `maxInlineDepth`: an iterative post-order walk computing each
    /// node's inline height (a node that becomes a temporary counts as a leaf).
    private func markDeepNodes(_ roots: [Node]) {
        var height: [ObjectIdentifier: Int] = [:]
        var stack = roots.map { ($0, false) }
        while let (node, expanded) = stack.popLast() {
            let key = ObjectIdentifier(node)
            if height[key] != nil { continue }
            guard expanded else {
                stack.append((node, true))
                for operand in node.operands where height[ObjectIdentifier(operand)] == nil { stack.append((operand, false)) }
                continue
            }
            let below = node.operands.map { height[ObjectIdentifier($0)] ?? 0 }.max() ?? -1
            var h = below + 1
            if h >= Self.maxInlineDepth { deep.insert(key) }
            if deep.contains(key) || node.label != nil || ((uses[key] ?? 0) > 1 && isWorthNaming(node)) { h = 0 }
            height[key] = h
        }
    }

    /// Creates the depth-breaking temporaries under `root`, deepest first, so
    /// printing any one of them recurses at most `maxInlineDepth` levels.
    private func nameDeepNodes(under root: Node, _ consumer: String) {
        guard !deep.isEmpty else { return }
        var visited = Set<ObjectIdentifier>()
        var stack = [(root, false)]
        while let (node, expanded) = stack.popLast() {
            let key = ObjectIdentifier(node)
            if expanded {
                if deep.contains(key) && tempNames[key] == nil { _ = temporary(node, consumer) }
                continue
            }
            guard tempNames[key] == nil, visited.insert(key).inserted else { continue }
            stack.append((node, true))
            for operand in node.operands { stack.append((operand, false)) }
        }
    }

    /// `node` as Verilog, for an expression that feeds `consumer`.
    func print(_ node: Node, for consumer: String) -> String {
        nameDeepNodes(under: node, consumer)
        return strip(text(node, consumer))
    }

    private func text(_ node: Node, _ consumer: String) -> String {
        let key = ObjectIdentifier(node)
        if let name = tempNames[key] { return name }
        if node.label != nil && node.signal == nil { return temporary(node, consumer) }
        if ((uses[key] ?? 0) > 1 && isWorthNaming(node)) || deep.contains(key) { return temporary(node, consumer) }
        return inline(node, consumer)
    }

    private func isWorthNaming(_ node: Node) -> Bool {
        switch node.kind {
        case .signal, .const, .literal: return false
        case .slice(let a, _, _), .unary(.not, let a): return a.signal == nil
        default: return true
        }
    }

    /// A name for `node`: itself if it is a signal, else a temporary wire.
    private func named(_ node: Node, _ consumer: String) -> String {
        if let signal = node.signal { return nameOf(signal) }
        if let name = tempNames[ObjectIdentifier(node)] { return name }
        return temporary(node, consumer)
    }

    private func temporary(_ node: Node, _ consumer: String) -> String {
        let body = strip(inline(node, consumer))
        let base = node.label ?? "\(consumer)_t"
        var k = counters[base, default: 0]
        var name = node.label.map { k == 0 ? $0 : "\($0)_\(k)" } ?? "\(base)\(k)"
        while takenNames.contains(name) {
            k += 1
            name = node.label.map { "\($0)_\(k)" } ?? "\(base)\(k)"
        }
        counters[base] = k + 1
        takenNames.insert(name)
        tempNames[ObjectIdentifier(node)] = name
        temporaries.append(Temporary(node: ObjectIdentifier(node), name: name, width: node.width, text: body))
        return name
    }

    private func inline(_ node: Node, _ c: String) -> String {
        switch node.kind {
        case .const(let value): return value.verilogLiteral
        case .literal(let value): return "\(value)"
        case .signal(let s): return nameOf(s)
        case .unary(let op, let a): return unary(op, a, node.width, c)
        case .binary(let op, let a, let b): return binary(op, a, b, c)
        case .mux(let s, let a, let b): return "(\(text(s, c)) ? \(text(a, c)) : \(text(b, c)))"
        case .slice(let a, let hi, let lo):
            let base = named(a, c)
            return hi == lo ? "\(base)[\(hi)]" : "\(base)[\(hi):\(lo)]"
        case .concat(let parts): return "{" + parts.map { strip(text($0, c)) }.joined(separator: ", ") + "}"
        case .replicate(let a, let n): return "{\(n){\(strip(text(a, c)))}}"
        }
    }

    private func unary(_ op: UnaryOp, _ a: Node, _ width: Int, _ c: String) -> String {
        switch op {
        case .not, .logicalNot, .andReduce, .orReduce, .xorReduce:
            // Verilog-2005 takes a primary after a unary operator: `!|x` is a
            // syntax error in iverilog, `!(|x)` is not.
            let operand = text(a, c)
            let nested = operand.first.map { "~!&|^".contains($0) } ?? false
            return nested ? "\(op.rawValue)(\(operand))" : "\(op.rawValue)\(operand)"
        case .zeroExtend: return zeroExtended(a, by: width - a.width, c)
        case .signExtend:
            let base = named(a, c)
            let sign = a.width == 1 ? base : "\(base)[\(a.width - 1)]"
            let k = width - a.width
            return k == 1 ? "{\(sign), \(base)}" : "{{\(k){\(sign)}}, \(base)}"
        }
    }

    private func binary(_ op: BinaryOp, _ a: Node, _ b: Node, _ c: String) -> String {
        switch op {
        case .addGrow: return "(\(zeroExtended(a, by: 1, c)) + \(zeroExtended(b, by: 1, c)))"
        case .subGrow: return "(\(zeroExtended(a, by: 1, c)) - \(zeroExtended(b, by: 1, c)))"
        case .mul: return "(\(zeroExtended(a, by: b.width, c)) * \(zeroExtended(b, by: a.width, c)))"
        case .slt, .sle, .sgt, .sge:
            let symbol = String(op.rawValue.dropLast())
            return "($signed(\(strip(text(a, c)))) \(symbol) $signed(\(strip(text(b, c)))))"
        case .sshr: return "$unsigned($signed(\(strip(text(a, c)))) >>> \(text(b, c)))"
        default: return "(\(text(a, c)) \(op.rawValue) \(text(b, c)))"
        }
    }

    /// `{N'd0, x}`: `a` with `count` zero bits on top. An operand that is
    /// itself an unnamed zero extension is merged into one, so
    /// `a.zext(to: 12) +& b` reads `{5'd0, a}`, not `{1'b0, {{4{1'b0}}, a}}`.
    private func zeroExtended(_ a: Node, by count: Int, _ c: String) -> String {
        if case .unary(.zeroExtend, let inner) = a.kind, a.label == nil {
            return zeroExtended(inner, by: count + a.width - inner.width, c)
        }
        return "{\(count == 1 ? "1'b0" : "\(count)'d0"), \(strip(text(a, c)))}"
    }

    /// Drops one pair of outer parentheses where they enclose the whole text.
    /// Walks the UTF-8 bytes once (`String.count` per character made this quadratic).
    private func strip(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.first == UInt8(ascii: "("), bytes.last == UInt8(ascii: ")") else { return text }
        var depth = 0, remaining = bytes.count
        for byte in bytes {
            remaining -= 1
            if byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: ")") { depth -= 1 }
            if depth == 0 && remaining > 0 { return text }
        }
        return String(text.dropFirst().dropLast())
    }
}
