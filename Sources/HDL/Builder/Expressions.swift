/// Builds expression nodes, checking operand widths. A mismatch does not stop
/// elaboration here: the node records the problem and the width check reports
/// it with the location of the statement that uses it.
enum Expr {
    /// `a op b` for operators whose operands must have equal widths.
    static func binary(_ op: BinaryOp, _ l: Bits, _ r: Bits) -> Bits {
        let (a, b) = Sizing.pair(l.node, r.node)
        if a.isUnsizedLiteral && b.isUnsizedLiteral {
            return Bits(node: Node(.binary(op, a, b), width: 1, problem: .unsizedLiterals(op: op.rawValue)))
        }
        var problem: Problem? = a.width == b.width ? nil : .widthMismatch(op: op.rawValue)
        if (op == .logicalAnd || op == .logicalOr) && (a.width != 1 || b.width != 1) {
            problem = .notOneBit(op: op.rawValue)
        }
        let width: Int
        switch op {
        case _ where op.isComparison, .logicalAnd, .logicalOr: width = 1
        case .addGrow, .subGrow: width = a.width + 1
        default: width = a.width
        }
        return Bits(node: Node(.binary(op, a, b), width: width, problem: problem))
    }

    /// Full-width product: `a * b` is `a.width + b.width` bits, never wraps.
    static func multiply(_ l: Bits, _ r: Bits) -> Bits {
        let (a, b) = Sizing.pair(l.node, r.node)
        if a.isUnsizedLiteral && b.isUnsizedLiteral {
            return Bits(node: Node(.binary(.mul, a, b), width: 1, problem: .unsizedLiterals(op: "*")))
        }
        return Bits(node: Node(.binary(.mul, a, b), width: a.width + b.width))
    }

    /// `a << n`, `a >> n`, `a >>> n`: the result has the width of `a`.
    static func shift(_ op: BinaryOp, _ value: Bits, _ amount: Bits) -> Bits {
        let a = value.node, n = Sizing.minimal(amount.node)
        let problem: Problem? = a.isUnsizedLiteral ? .unsizedLiterals(op: op.rawValue) : nil
        return Bits(node: Node(.binary(op, a, n), width: a.width, problem: problem))
    }

    static func unary(_ op: UnaryOp, _ value: Bits) -> Bits {
        let a = value.node
        switch op {
        case .not:
            let problem: Problem? = a.isUnsizedLiteral ? .unsizedLiterals(op: "~") : nil
            return Bits(node: Node(.unary(.not, a), width: a.width, problem: problem))
        case .logicalNot:
            let problem: Problem? = a.width == 1 ? nil : .notOneBit(op: "!")
            return Bits(node: Node(.unary(.logicalNot, a), width: 1, problem: problem))
        case .andReduce, .orReduce, .xorReduce:
            let problem: Problem? = a.isUnsizedLiteral ? .unsizedLiterals(op: op.rawValue) : nil
            return Bits(node: Node(.unary(op, a), width: 1, problem: problem))
        case .signExtend, .zeroExtend:
            preconditionFailure("extensions are built by extend(_:to:)")
        }
    }

    static func extend(_ op: UnaryOp, _ value: Bits, to width: Int) -> Bits {
        let a = value.node
        if a.isUnsizedLiteral { return Bits(node: Sizing.resolve(a, to: width)) }
        if width == a.width { return value }
        let problem: Problem? = width > a.width ? nil : .badResize(op: op.rawValue, to: width)
        return Bits(node: Node(.unary(op, a), width: width, problem: problem))
    }

    static func slice(_ value: Bits, hi: Int, lo: Int) -> Bits {
        let a = value.node
        let ok = lo >= 0 && hi >= lo && hi < a.width
        let problem: Problem? = a.isUnsizedLiteral ? .unsizedLiterals(op: "[\(hi):\(lo)]")
            : ok ? nil : .sliceOutOfRange(hi: hi, lo: lo)
        if ok, lo == 0, hi == a.width - 1 { return value }
        return Bits(node: Node(.slice(a, hi: hi, lo: lo), width: max(1, hi - lo + 1), problem: problem))
    }

    static func mux(_ select: Bits, _ whenTrue: Bits, _ whenFalse: Bits) -> Bits {
        let (a, b) = Sizing.pair(whenTrue.node, whenFalse.node)
        let s = select.node
        var problem: Problem? = a.width == b.width ? nil : .widthMismatch(op: "mux")
        if s.width != 1 { problem = .notOneBit(op: "mux select") }
        return Bits(node: Node(.mux(s, a, b), width: max(a.width, b.width), problem: problem))
    }

    static func concat(_ parts: [Bits]) -> Bits {
        let nodes = parts.map(\.node)
        let unsized = nodes.contains(where: \.isUnsizedLiteral)
        let problem: Problem? = unsized ? .unsizedLiterals(op: "concat") : nil
        if nodes.count == 1 { return parts[0] }
        return Bits(node: Node(.concat(nodes), width: nodes.reduce(0) { $0 + $1.width }, problem: problem))
    }

    static func replicate(_ value: Bits, _ count: Int) -> Bits {
        let a = value.node
        let problem: Problem? = a.isUnsizedLiteral ? .unsizedLiterals(op: "replicate")
            : count >= 1 ? nil : .badCount(op: "replicate", count: count)
        if count == 1 { return value }
        return Bits(node: Node(.replicate(a, count: count), width: a.width * max(1, count), problem: problem))
    }
}
