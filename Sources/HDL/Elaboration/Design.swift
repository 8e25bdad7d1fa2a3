/// An elaborated, checked design: the top instance and every instance below
/// it, children before parents.
public struct Design {
    public let top: ModuleInstance
    /// Every instance, leaves first, the top last.
    public let instances: [ModuleInstance]

    /// Elaborates `top`: collects members by reflection, evaluates every body
    /// once, names everything, and runs every check. Throws `ElaborationError`
    /// listing every mistake with its Swift file and line.
    public init(_ top: any Module) throws {
        let log = DiagnosticLog()
        let elaborator = Elaborator(log: log)
        let instance = elaborator.elaborate(top, instanceName: nil, parent: nil)
        try log.throwIfAny()
        Checks.run(on: elaborator.instances, log: log)
        try log.throwIfAny()
        self.top = instance
        self.instances = elaborator.instances
    }
}
