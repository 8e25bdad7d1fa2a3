/// Builds `ModuleInstance`s from `Module` objects: members by reflection,
/// children first, then the body, then ownership and names.
final class Elaborator {
    let log: DiagnosticLog
    /// Every instance elaborated so far, children before parents.
    private(set) var instances: [ModuleInstance] = []
    private var seenModules: Set<ObjectIdentifier> = []

    init(log: DiagnosticLog) { self.log = log }

    func elaborate(_ module: any Module, instanceName: String?, parent: ModuleInstance?) -> ModuleInstance {
        let instance = ModuleInstance(module: module)
        instance.instanceName = instanceName
        instance.parent = parent
        let members = MemberCollector(instance: instance, log: log)
        members.collect()
        for (name, child) in members.childModules {
            guard seenModules.insert(ObjectIdentifier(child)).inserted else {
                log.error("module object `\(name)` (\(child.moduleName)) is instantiated twice; create one object per instance",
                          at: instance.ports.first?.location ?? SourceLocation(file: instance.typeName, line: 0))
                continue
            }
            instance.children.append(elaborate(child, instanceName: name, parent: instance))
        }
        if !instance.isBlackBox {
            instance.statements = module.body
            instance.statements += members.memoryReadStatements()
            Ownership(instance: instance, log: log).resolve()
            ClockAndReset.add(to: instance)
            LocalNames.assign(in: instance, log: log)
        } else {
            ClockAndReset.adoptDeclared(in: instance)
        }
        instances.append(instance)
        return instance
    }
}
