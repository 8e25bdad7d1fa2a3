/// An expression node. Nodes form a DAG: a node used twice is one object, and
/// the emitter gives it a named wire instead of printing it twice.
///
/// Widths are computed when the node is built. A node whose operands do not fit
/// (say `+` of 8 and 4 bits) is still built, with `problem` set; the width check
/// reports it at the location of the statement that uses it, since Swift
/// operators cannot capture the caller's line.
public final class Node {
    public enum Kind {
        /// A sized constant.
        case const(BitVector)
        /// An integer literal whose width comes from where it is used.
        case literal(Int)
        case signal(SignalNode)
        case unary(UnaryOp, Node)
        case binary(BinaryOp, Node, Node)
        /// `select ? whenTrue : whenFalse`
        case mux(Node, Node, Node)
        /// Bits `hi...lo` of the operand.
        case slice(Node, hi: Int, lo: Int)
        /// Operands most significant first, as Verilog's `{a, b}`.
        case concat([Node])
        case replicate(Node, count: Int)
    }

    public let kind: Kind
    /// Width in bits; 0 for an unsized literal.
    public let width: Int
    /// A name the user gave the expression (`.named("push")`): the emitter
    /// gives it a wire of that name.
    public internal(set) var label: String?
    /// Why this node is not well formed, if it is not.
    public let problem: Problem?

    init(_ kind: Kind, width: Int, problem: Problem? = nil) {
        self.kind = kind
        self.width = width
        self.problem = problem
    }

    /// The operands, in order.
    public var operands: [Node] {
        switch kind {
        case .const, .literal, .signal: return []
        case .unary(_, let a), .slice(let a, _, _), .replicate(let a, _): return [a]
        case .binary(_, let a, let b): return [a, b]
        case .mux(let s, let a, let b): return [s, a, b]
        case .concat(let parts): return parts
        }
    }

    var isUnsizedLiteral: Bool { width == 0 }

    /// The signals read under `root`, each node visited once (expressions
    /// share subtrees) and without recursion (chains can be deep). `seen`
    /// carries over between calls so a statement's roots share one walk;
    /// `visit` returns false to stop.
    @discardableResult
    static func forEachSignalRead(under root: Node, seen: inout Set<ObjectIdentifier>,
                                  _ visit: (SignalNode) -> Bool) -> Bool {
        var stack = [root]
        while let node = stack.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            if let signal = node.signal, !visit(signal) { return false }
            stack.append(contentsOf: node.operands)
        }
        return true
    }

    var signal: SignalNode? {
        if case .signal(let s) = kind { return s }
        return nil
    }
}

public enum UnaryOp: String, Sendable {
    case not = "~"
    case logicalNot = "!"
    case andReduce = "&"
    case orReduce = "|"
    case xorReduce = "^"
    /// Sign extension by a number of bits (stored in the result width).
    case signExtend = "sext"
    case zeroExtend = "zext"
}

public enum BinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*"
    case and = "&", or = "|", xor = "^"
    case logicalAnd = "&&", logicalOr = "||"
    case eq = "==", ne = "!="
    case lt = "<", le = "<=", gt = ">", ge = ">="
    case slt = "<s", sle = "<=s", sgt = ">s", sge = ">=s"
    case shl = "<<", shr = ">>", sshr = ">>>"
    /// Addition with one bit of growth (`+&`).
    case addGrow = "+&"
    case subGrow = "-&"

    var isComparison: Bool {
        switch self {
        case .eq, .ne, .lt, .le, .gt, .ge, .slt, .sle, .sgt, .sge: return true
        default: return false
        }
    }

    var isShift: Bool { self == .shl || self == .shr || self == .sshr }
}

/// What is wrong with a node. The message is written by the width check, when
/// signal names are known.
public enum Problem {
    /// The operands of `op` must have equal widths.
    case widthMismatch(op: String)
    /// A constant or literal that does not fit its width.
    case doesNotFit(value: String, width: Int)
    /// An operand that must be 1 bit wide is not (`what` says which).
    case notOneBit(op: String)
    case sliceOutOfRange(hi: Int, lo: Int)
    /// Both operands are unsized literals, so no width can be chosen.
    case unsizedLiterals(op: String)
    /// An explicit resize in the wrong direction, e.g. `zext` to fewer bits.
    case badResize(op: String, to: Int)
    case badCount(op: String, count: Int)
    /// A packed-struct field given a value of another width.
    case fieldWidth(field: String, width: Int)
}
