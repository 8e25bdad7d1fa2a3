import Foundation

extension Simulator {
    /// Elaborates and emits `module`, then simulates it: the one-line way to
    /// drive any module from a test.
    ///
    ///     let sim = try Simulator(UpDownCounter(width: 8))
    ///     sim.reset()
    ///     sim.set("enable", 1); sim.step()
    public convenience init(_ module: any Module, name: String = #function,
                            waves: WaveOptions? = WaveOptions.fromEnvironment()) throws {
        try self.init(design: try VerilogEmitter.emit(module), name: name, waves: waves)
    }
}
