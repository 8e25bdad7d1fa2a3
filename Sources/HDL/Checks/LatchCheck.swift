/// A combinational signal without a default must be assigned on every path of
/// the statement that drives it; otherwise it would hold its value, which is a
/// latch. (The emitted Verilog always assigns a default first, so no latch is
/// ever emitted; this check turns the mistake into an error at the user's line.)
struct LatchCheck {
    let instance: ModuleInstance
    let log: DiagnosticLog

    func run() {
        for signal in instance.drivableSignals where needsFullAssignment(signal) {
            let projection = instance.drivingStatements(of: signal)
            guard !projection.isEmpty, !Projection.assignsOnEveryPath(projection) else { continue }
            log.error("`\(signal.name ?? "?")` is not assigned on every path, which would make a latch; assign it in every branch (add .otherwise / Default) or give it a default",
                      at: projection[0].location, notes: [(signal.location, "`\(signal.name ?? "?")` is declared here")])
        }
    }

    private func needsFullAssignment(_ signal: SignalNode) -> Bool {
        signal.kind != .reg && signal.defaultValue == nil
    }
}
