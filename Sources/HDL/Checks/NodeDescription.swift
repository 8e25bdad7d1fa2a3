/// Short descriptions of expressions for error messages: `count` (8 bits),
/// `8'd1`, `(a + b)`.
enum NodeDescription {
    static func describe(_ node: Node, depth: Int = 2) -> String {
        switch node.kind {
        case .signal(let s): return "`\(s.name ?? "?")`"
        case .const(let v): return "`\(v.verilogLiteral)`"
        case .literal(let v): return "literal `\(v)`"
        case .slice(let a, let hi, let lo): return "\(describe(a, depth: depth))[\(hi):\(lo)]"
        default:
            guard depth > 0 else { return "an expression" }
            let parts = node.operands.map { describe($0, depth: depth - 1) }
            return "(" + parts.joined(separator: ", ") + ")"
        }
    }

    /// "`count` (8 bits)"
    static func withWidth(_ node: Node) -> String {
        node.isUnsizedLiteral ? describe(node) : "\(describe(node)) (\(node.width) bits)"
    }
}
