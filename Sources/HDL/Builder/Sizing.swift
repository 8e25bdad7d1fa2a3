/// Gives unsized integer literals the width of their context. A literal that
/// does not fit becomes a node with a `doesNotFit` problem, reported by the
/// width check at the statement that uses it.
enum Sizing {
    /// `node` at `width` bits if it is an unsized literal (or a mux of them);
    /// any other node is returned as it is.
    static func resolve(_ node: Node, to width: Int) -> Node {
        guard node.isUnsizedLiteral, width > 0 else { return node }
        switch node.kind {
        case .literal(let value):
            return constant(value, width: width)
        case .mux(let select, let a, let b):
            return Node(.mux(select, resolve(a, to: width), resolve(b, to: width)), width: width)
        default:
            return node
        }
    }

    /// A constant of `width` bits; negative values are two's complement.
    static func constant(_ value: Int, width: Int) -> Node {
        let fits: Bool
        if width >= 64 {
            fits = true
        } else if value >= 0 {
            fits = UInt64(value) >> UInt64(width) == 0
        } else {
            fits = value >= -(1 << (width - 1))
        }
        let bits = BitVector(words: [UInt64(bitPattern: Int64(value))] + Array(
            repeating: value < 0 ? UInt64.max : 0, count: BitVector.wordCount(width) - 1), width: width)
        return Node(.const(bits), width: width,
                    problem: fits ? nil : .doesNotFit(value: "\(value)", width: width))
    }

    /// Both operands sized alike: a literal on one side takes the other's width.
    static func pair(_ a: Node, _ b: Node) -> (Node, Node) {
        (resolve(a, to: b.width), resolve(b, to: a.width))
    }

    /// The smallest constant holding `value`, for shift amounts.
    static func minimal(_ node: Node) -> Node {
        guard case .literal(let value) = node.kind else { return node }
        let width = max(1, Int.bitWidth - max(0, value).leadingZeroBitCount)
        return constant(value, width: width)
    }
}
