/// Names what the body made without a name, and checks that the Verilog names
/// of a module are unique identifiers and not reserved words.
///
/// A local without `.named(_:)` is named after its kind and line (`wire_l42`),
/// which stays the same when unrelated code changes (no creation counter).
/// Generated names that collide get `_2`, `_3`; user names that collide, or a
/// reserved word, are errors at the user's line.
enum LocalNames {
    static func assign(in instance: ModuleInstance, log: DiagnosticLog) {
        var taken: [String: SourceLocation] = [:]
        for child in instance.children {
            reserve(child.instanceName ?? "", at: child.ports.first?.location ?? location(of: instance), in: &taken, log: log)
        }
        for signal in instance.ports { reserve(signal, in: &taken, log: log) }
        for child in instance.children {
            for port in child.ports where port !== child.clock && port !== child.reset {
                reserve("\(child.instanceName ?? "")_\(port.name ?? "")", at: port.location, in: &taken, log: log)
            }
        }
        for memory in instance.memories { reserve(memory.name ?? "mem", at: memory.location, in: &taken, log: log) }
        for signal in instance.signals where signal.name != nil { reserve(signal, in: &taken, log: log) }
        for signal in instance.signals where signal.name == nil {
            signal.name = unique("\(kindName(signal))_l\(signal.location.line)", in: taken)
            reserve(signal, in: &taken, log: log)
        }
    }

    /// The Verilog names a signal occupies: registers are `x_reg` and `x_next`.
    static func verilogNames(of signal: SignalNode) -> [String] {
        let name = signal.name ?? "?"
        return signal.kind == .reg ? ["\(name)_reg", "\(name)_next"] : [name]
    }

    private static func reserve(_ signal: SignalNode, in taken: inout [String: SourceLocation], log: DiagnosticLog) {
        for name in verilogNames(of: signal) {
            reserve(name, at: signal.location, in: &taken, log: log)
        }
    }

    private static func reserve(_ name: String, at location: SourceLocation,
                                in taken: inout [String: SourceLocation], log: DiagnosticLog) {
        if ReservedWords.all.contains(name) {
            log.error("`\(name)` is a Verilog reserved word; name it otherwise", at: location)
        } else if !Naming.isIdentifier(name) {
            log.error("`\(name)` is not a Verilog identifier", at: location)
        } else if let other = taken[name] {
            log.error("the name `\(name)` is used twice in one module", at: location,
                      notes: [(other, "first used here")])
        }
        taken[name] = location
    }

    private static func unique(_ base: String, in taken: [String: SourceLocation]) -> String {
        var name = base, n = 2
        while taken[name] != nil || taken[name + "_reg"] != nil { name = "\(base)_\(n)"; n += 1 }
        return name
    }

    private static func kindName(_ signal: SignalNode) -> String {
        switch signal.kind {
        case .reg: return "reg"
        case .memoryReadData: return "rd_data"
        default: return "wire"
        }
    }

    private static func location(of instance: ModuleInstance) -> SourceLocation {
        SourceLocation(file: instance.typeName, line: 0)
    }
}
