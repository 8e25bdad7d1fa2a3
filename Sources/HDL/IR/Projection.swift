/// Views of a statement tree restricted to one signal: what drives it, and
/// whether every path drives it. The checks and the emitter both use these,
/// so the Verilog has one `always` block per signal, as written in Swift.
enum Projection {
    /// The part of `statements` that assigns `target`: other assignments and
    /// branches that assign nothing to it are dropped; conditions are kept.
    static func project(_ statements: [Statement], onto target: SignalNode) -> [Statement] {
        statements.compactMap { project($0, onto: target) }
    }

    private static func project(_ statement: Statement, onto target: SignalNode) -> Statement? {
        switch statement.kind {
        case .assign(let t, _):
            return t === target ? statement : nil
        case .when(let branches, let otherwise):
            var kept = branches.map { Statement.Branch(condition: $0.condition, body: project($0.body, onto: target),
                                                       location: $0.location) }
            let rest = otherwise.map { project($0, onto: target) }
            // Trailing branches that assign nothing change nothing: drop them.
            if rest?.isEmpty ?? true {
                while let last = kept.last, last.body.isEmpty, kept.count > 1 { kept.removeLast() }
            }
            if kept.allSatisfy(\.body.isEmpty) && (rest?.isEmpty ?? true) { return nil }
            return Statement(.when(branches: kept, otherwise: rest?.isEmpty == true ? nil : rest),
                             at: statement.location)
        case .switchOn(let subject, let cases, let otherwise):
            let kept = cases.map { Statement.SwitchCase(values: $0.values, body: project($0.body, onto: target),
                                                        location: $0.location, label: $0.label) }
            let rest = otherwise.map { project($0, onto: target) }
            if kept.allSatisfy(\.body.isEmpty) && (rest?.isEmpty ?? true) { return nil }
            return Statement(.switchOn(subject: subject, cases: kept, otherwise: rest), at: statement.location)
        }
    }

    /// Whether every path through `statements` assigns something (call on a projection).
    static func assignsOnEveryPath(_ statements: [Statement]) -> Bool {
        statements.contains { statement in
            switch statement.kind {
            case .assign: return true
            case .when(let branches, let otherwise):
                guard let otherwise else { return false }
                return branches.allSatisfy { assignsOnEveryPath($0.body) } && assignsOnEveryPath(otherwise)
            case .switchOn(let subject, let cases, let otherwise):
                let armsAssign = cases.allSatisfy { assignsOnEveryPath($0.body) }
                if let otherwise { return armsAssign && assignsOnEveryPath(otherwise) }
                return armsAssign && coversEveryValue(subject: subject, cases: cases)
            }
        }
    }

    /// Whether the case values name every value of the subject's width.
    private static func coversEveryValue(subject: Node, cases: [Statement.SwitchCase]) -> Bool {
        guard subject.width < 20 else { return false }
        var values = Set<BitVector>()
        for c in cases {
            for v in c.values { if case .const(let bits) = v.kind { values.insert(bits) } }
        }
        return values.count == 1 << subject.width
    }

    /// The signals each top-level statement assigns, in order of first assignment.
    static func targets(of statement: Statement) -> [SignalNode] {
        var seen = Set<ObjectIdentifier>(), out: [SignalNode] = []
        statement.forEach { s in
            if case .assign(let t, _) = s.kind, seen.insert(ObjectIdentifier(t)).inserted { out.append(t) }
        }
        return out
    }
}
