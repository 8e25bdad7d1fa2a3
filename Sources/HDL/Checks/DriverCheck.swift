/// Each signal is driven by exactly one top-level statement of its module
/// (one `When` tree, one `Switch` or one assignment), so every signal becomes
/// one Verilog `always` block. Reports signals with two drivers (naming both
/// places), outputs and wires nobody drives, and unconnected instance inputs.
struct DriverCheck {
    let instance: ModuleInstance
    let log: DiagnosticLog

    func run() {
        recordDrivers()
        reportUndriven()
    }

    private func recordDrivers() {
        for (index, statement) in instance.statements.enumerated() {
            for target in Projection.targets(of: statement) {
                let key = ObjectIdentifier(target)
                if let first = instance.driver[key] {
                    log.error("`\(describe(target))` has two drivers; drive it from one statement (one When/otherwise tree, or give it a default)",
                              at: statement.location,
                              notes: [(instance.statements[first].location, "first driven here")])
                } else {
                    instance.driver[key] = index
                }
            }
        }
    }

    private func reportUndriven() {
        for signal in instance.drivableSignals where instance.driver[ObjectIdentifier(signal)] == nil {
            let owner = signal.owner
            if owner !== instance {
                log.error("input `\(signal.name ?? "?")` of instance `\(owner?.instanceName ?? "?")` (\(owner?.module.moduleName ?? "?")) is not connected",
                          at: owner.flatMap(firstUse) ?? signal.location,
                          notes: [(signal.location, "`\(signal.name ?? "?")` is declared here")])
            } else if signal.isCombinational && signal.defaultValue == nil {
                log.error("\(signal.kind == .output ? "output" : "wire") `\(signal.name ?? "?")` is never driven",
                          at: signal.location)
            }
        }
    }

    /// Where this module first connects or reads a port of `child`: the
    /// place the missing connection belongs. Nil if the body never uses it.
    private func firstUse(of child: ModuleInstance) -> SourceLocation? {
        for statement in instance.statements {
            var uses = Projection.targets(of: statement).contains { $0.owner === child }
            var seen = Set<ObjectIdentifier>()
            statement.forEach { s in
                for root in s.ownExpressions where !uses {
                    uses = !Node.forEachSignalRead(under: root, seen: &seen) { $0.owner !== child }
                }
            }
            if uses { return statement.location }
        }
        return nil
    }

    private func describe(_ signal: SignalNode) -> String {
        if let owner = signal.owner, owner !== instance { return "\(owner.instanceName ?? "?").\(signal.name ?? "?")" }
        return signal.name ?? "?"
    }
}
