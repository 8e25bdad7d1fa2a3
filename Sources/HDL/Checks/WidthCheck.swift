/// Reports width errors at the statement that uses the faulty expression:
/// mismatched operands, assignments of another width, literals that do not fit,
/// non-1-bit conditions. No silent truncation or extension.
struct WidthCheck {
    let instance: ModuleInstance
    let log: DiagnosticLog

    func run() {
        var reported = Set<ObjectIdentifier>()
        for top in instance.statements {
            top.forEach { statement in
                for root in statement.ownExpressions {
                    reportProblems(in: root, at: statement.location, reported: &reported)
                }
                checkShape(of: statement)
            }
        }
        for reg in instance.signals where reg.kind == .reg {
            guard let enable = reg.enable else { continue }
            reportProblems(in: enable, at: reg.location, reported: &reported)
            if enable.width != 1 { log.error("register enable must be 1 bit, got \(NodeDescription.withWidth(enable))", at: reg.location) }
        }
    }

    private func checkShape(of statement: Statement) {
        switch statement.kind {
        case .assign(let target, let value):
            guard value.problem == nil, value.width != target.width else { return }
            log.error("width mismatch: `\(target.name ?? "?")` is \(target.width) bits but is assigned \(NodeDescription.withWidth(value)); write .resized(to:), .zext(to:) or .truncated(to:)",
                      at: statement.location)
        case .when(let branches, _):
            for b in branches where b.condition.width != 1 && b.condition.problem == nil {
                log.error("When condition must be 1 bit, got \(NodeDescription.withWidth(b.condition))", at: b.location)
            }
        case .switchOn(let subject, let cases, _):
            for c in cases {
                for v in c.values where v.width != subject.width && v.problem == nil {
                    log.error("Switch value \(NodeDescription.withWidth(v)) does not match the subject \(NodeDescription.withWidth(subject))",
                              at: c.location)
                }
            }
        }
    }

    /// Reports the innermost faulty nodes under `root`, each once.
    private func reportProblems(in root: Node, at location: SourceLocation, reported: inout Set<ObjectIdentifier>) {
        var stack: [(Node, Bool)] = [(root, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                if let problem = node.problem { log.error(message(problem, node), at: location) }
                continue
            }
            guard reported.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for operand in node.operands.reversed() { stack.append((operand, false)) }
        }
    }

    private func message(_ problem: Problem, _ node: Node) -> String {
        let ops = node.operands.map(NodeDescription.withWidth)
        switch problem {
        case .widthMismatch(let op):
            let shown = op == "mux" ? Array(ops.dropFirst()) : ops
            return "width mismatch in `\(op)`: " + shown.joined(separator: " vs ") + "; widths must be equal (write .resized(to:), .zext(to:) or .truncated(to:))"
        case .doesNotFit(let value, let width):
            return "the constant \(value) does not fit in \(width) bits"
        case .notOneBit(let op):
            return "`\(op)` needs 1-bit operands, got " + ops.joined(separator: " and ")
        case .sliceOutOfRange(let hi, let lo):
            return "bits [\(hi):\(lo)] are out of range of \(ops.first ?? "the value")"
        case .unsizedLiterals(let op):
            return "`\(op)` of integer literals has no width; give one a width with lit(value, width)"
        case .badResize(let op, let to):
            return "`\(op)` to \(to) bits goes the wrong way for \(ops.first ?? "the value")"
        case .badCount(let op, let count):
            return "`\(op)` count must be at least 1, got \(count)"
        case .fieldWidth(let field, let width):
            return "field `\(field)` is \(width) bits but is given \(NodeDescription.withWidth(node))"
        }
    }
}
