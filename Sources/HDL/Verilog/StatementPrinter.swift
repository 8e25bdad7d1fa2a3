/// Prints the projection of a body onto one signal as the inside of an
/// `always @*` block: `if`/`else if`/`else` for `When`, `case` for `Switch`.
/// Every assignment carries a `// File.swift:NN` comment.
struct StatementPrinter {
    let expressions: ExpressionPrinter
    /// The Verilog name assigned (`x`, or `x_next` for a register).
    let target: String
    /// Base for temporaries' names.
    let consumer: String

    func print(_ statements: [Statement], indent: Int, into out: inout [String]) {
        for s in statements { print(s, indent: indent, into: &out) }
    }

    private func print(_ statement: Statement, indent: Int, into out: inout [String]) {
        let pad = String(repeating: "    ", count: indent)
        switch statement.kind {
        case .assign(_, let value):
            out.append("\(pad)\(target) = \(expressions.print(value, for: consumer));  // \(where_(statement.location))")
        case .when(let branches, let otherwise):
            for (i, branch) in branches.enumerated() {
                let keyword = i == 0 ? "if" : "end else if"
                out.append("\(pad)\(keyword) (\(expressions.print(branch.condition, for: consumer))) begin")
                print(branch.body, indent: indent + 1, into: &out)
            }
            if let otherwise {
                out.append("\(pad)end else begin")
                print(otherwise, indent: indent + 1, into: &out)
            }
            out.append("\(pad)end")
        case .switchOn(let subject, let cases, let otherwise):
            out.append("\(pad)case (\(expressions.print(subject, for: consumer)))")
            for c in cases {
                let values = c.values.map { expressions.print($0, for: consumer) }.joined(separator: ", ")
                let label = c.label.map { "  // \($0)" } ?? ""
                out.append("\(pad)    \(values): begin\(label)")
                print(c.body, indent: indent + 2, into: &out)
                out.append("\(pad)    end")
            }
            out.append("\(pad)    default: begin")
            print(otherwise ?? [], indent: indent + 2, into: &out)
            out.append("\(pad)    end")
            out.append("\(pad)endcase")
        }
    }

    private func where_(_ location: SourceLocation) -> String { "\(location.fileName):\(location.line)" }
}
