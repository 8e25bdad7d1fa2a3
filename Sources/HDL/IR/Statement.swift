/// One statement of a module body, with where the user wrote it. Bodies are
/// trees of these: assignments inside `When` and `Switch` branches.
public struct Statement {
    public indirect enum Kind {
        case assign(target: SignalNode, value: Node)
        case when(branches: [Branch], otherwise: [Statement]?)
        case switchOn(subject: Node, cases: [SwitchCase], otherwise: [Statement]?)
    }

    public struct Branch {
        public let condition: Node
        public let body: [Statement]
        public let location: SourceLocation
    }

    public struct SwitchCase {
        public let values: [Node]
        public let body: [Statement]
        public let location: SourceLocation
        /// For enum switches: the case name, used as a comment in the Verilog.
        public let label: String?
    }

    public let kind: Kind
    public internal(set) var location: SourceLocation

    init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// Every statement nested inside this one (branch bodies), not including itself.
    var children: [Statement] {
        switch kind {
        case .assign: return []
        case .when(let branches, let otherwise):
            return branches.flatMap(\.body) + (otherwise ?? [])
        case .switchOn(_, let cases, let otherwise):
            return cases.flatMap(\.body) + (otherwise ?? [])
        }
    }

    /// The expressions this statement reads directly (conditions, subject,
    /// case values, assigned value), not those of nested statements.
    var ownExpressions: [Node] {
        switch kind {
        case .assign(_, let value): return [value]
        case .when(let branches, _): return branches.map(\.condition)
        case .switchOn(let subject, let cases, _): return [subject] + cases.flatMap(\.values)
        }
    }

    /// Calls `visit` on this statement and every nested one, depth first.
    func forEach(_ visit: (Statement) -> Void) {
        visit(self)
        for child in children { child.forEach(visit) }
    }
}
