/// Finds a module's ports, signals, memories and children among its stored
/// properties (by `Mirror`), and names them after the properties.
final class MemberCollector {
    let instance: ModuleInstance
    let log: DiagnosticLog
    private(set) var childModules: [(String, any Module)] = []
    private var memoryObjects: [Memory] = []

    init(instance: ModuleInstance, log: DiagnosticLog) {
        self.instance = instance
        self.log = log
    }

    func collect() {
        var mirror: Mirror? = Mirror(reflecting: instance.module)
        var levels: [Mirror] = []
        while let m = mirror {
            levels.append(m)
            mirror = m.superclassMirror
        }
        // Base-class properties first, so ports keep declaration order.
        for level in levels.reversed() {
            for child in level.children {
                guard let label = child.label, !label.hasPrefix("$") else { continue }
                visit(child.value, name: Naming.snakeCase(String(label.trimmingPrefix("_"))))
            }
        }
    }

    /// Statements that drive memory read ports; call after the body ran.
    func memoryReadStatements() -> Logic { memoryObjects.flatMap(\.readStatements) }

    private func visit(_ value: Any, name: String) {
        switch value {
        case let signal as Signal: adopt(signal.node, name: name)
        case let memory as Memory: adopt(memory, name: name)
        case let module as any Module: childModules.append((name, module))
        case let bits as Bits:
            if let signal = bits.node.signal { adopt(signal, name: name) }
        case let view as any SignalView: visit(view.bits, name: name)
        case let bundle as any Bundle:
            for member in Mirror(reflecting: bundle).children {
                guard let label = member.label else { continue }
                visit(member.value, name: "\(name)_\(Naming.snakeCase(String(label.trimmingPrefix("_"))))")
            }
        case let array as [Any]:
            for (i, element) in array.enumerated() { visit(element, name: "\(name)_\(i)") }
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional, let inner = mirror.children.first {
                visit(inner.value, name: name)
            }
        }
    }

    private func adopt(_ signal: SignalNode, name: String) {
        if let owner = signal.owner {
            if owner !== instance {
                log.error("signal `\(signal.displayName)` of module `\(owner.path)` is also stored in `\(instance.typeName)`; pass it through a port",
                          at: signal.location)
            }
            return
        }
        signal.owner = instance
        if signal.name == nil { signal.name = name }
        if signal.isPort { instance.ports.append(signal) } else { instance.signals.append(signal) }
    }

    private func adopt(_ memory: Memory, name: String) {
        let node = memory.node
        guard node.owner == nil else {
            log.error("memory `\(node.name ?? name)` is stored in two modules", at: node.location)
            return
        }
        node.owner = instance
        if node.name == nil { node.name = name }
        instance.memories.append(node)
        memoryObjects.append(memory)
    }
}

/// Wrappers that are views of a signal (like `Packed`) name the signal they wrap.
protocol SignalView {
    var bits: Bits { get }
}

extension Packed: SignalView {}
