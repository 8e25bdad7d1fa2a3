/// One elaborated module object: its ports, signals, memories, child
/// instances and statements. Built by the elaborator from a `Module`.
public final class ModuleInstance {
    public let module: any Module
    /// Name of the instance in its parent (`nil` for the top).
    public internal(set) var instanceName: String?
    public internal(set) weak var parent: ModuleInstance?
    /// Ports in declaration order (clock and reset first when the module has any).
    public internal(set) var ports: [SignalNode] = []
    /// Every other signal the module owns, in the order found.
    public internal(set) var signals: [SignalNode] = []
    public internal(set) var memories: [MemoryNode] = []
    public internal(set) var children: [ModuleInstance] = []
    public internal(set) var statements: [Statement] = []
    /// Whether the module has state (registers, memories, or children that do).
    public internal(set) var isSequential = false
    /// The Verilog module name, unique within the design.
    public internal(set) var verilogName: String = ""
    var clock: SignalNode?
    var reset: SignalNode?
    /// For each driven signal, the index of the one top-level statement that drives it.
    var driver: [ObjectIdentifier: Int] = [:]
    /// For each output port, the input ports it depends on combinationally
    /// (used by the parent's loop check).
    var combinationalInputs: [ObjectIdentifier: Set<ObjectIdentifier>] = [:]

    init(module: any Module) {
        self.module = module
    }

    var isBlackBox: Bool { module is any BlackBox }

    /// The module's Swift type name, e.g. `UpDownCounter`.
    public var typeName: String { String(describing: type(of: module)) }

    /// "top.child.grandchild", for messages.
    public var path: String {
        guard let parent else { return module.moduleName }
        return parent.path + "." + (instanceName ?? "?")
    }

    func owns(_ signal: SignalNode) -> Bool { signal.owner === self }

    /// The projection of the body onto `signal`: the statements that drive it.
    func drivingStatements(of signal: SignalNode) -> [Statement] {
        guard let index = driver[ObjectIdentifier(signal)] else { return [] }
        return Projection.project([statements[index]], onto: signal)
    }

    /// Inputs of the children (connected by this module's body), which this
    /// module drives like its own wires.
    var childInputs: [SignalNode] {
        children.flatMap { child in
            child.ports.filter { $0.kind == .input && $0 !== child.clock && $0 !== child.reset }
        }
    }

    /// Every signal this module's body may drive.
    var drivableSignals: [SignalNode] {
        ports.filter { $0.kind == .output } + signals.filter { $0.kind != .memoryReadData } + childInputs
    }
}
