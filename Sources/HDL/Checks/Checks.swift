/// The checks, in order, over every elaborated instance (children first, so
/// a parent's loop check knows its children's combinational paths).
enum Checks {
    static func run(on instances: [ModuleInstance], log: DiagnosticLog) {
        for instance in instances where !instance.isBlackBox {
            WidthCheck(instance: instance, log: log).run()
            DriverCheck(instance: instance, log: log).run()
            LatchCheck(instance: instance, log: log).run()
            LoopCheck(instance: instance, log: log).run()
        }
    }
}
