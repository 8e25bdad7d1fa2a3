/// Why a simulation could not be set up or run. Each message is one line a
/// person can act on (the tool to install, the Verilog file and line to fix).
public enum SimulationError: Error, CustomStringConvertible, Equatable {
    /// A required program is not on `PATH`.
    case toolMissing(tool: String, package: String)
    /// Verilator or the C++ compiler rejected the design; `log` is their output,
    /// which names the Verilog file and line.
    case buildFailed(step: String, log: String)
    /// The compiled model could not be loaded.
    case loadFailed(String)
    /// Icarus Verilog could not compile or run the cross-check test bench.
    case icarusFailed(step: String, log: String)

    public var description: String {
        switch self {
        case let .toolMissing(tool, package):
            return "\(tool) not found on PATH: run scripts/bootstrap, or: apt-get install -y \(package)"
        case let .buildFailed(step, log):
            return "simulation build failed (\(step)):\n\(log)"
        case let .loadFailed(message):
            return "cannot load the simulation model: \(message)"
        case let .icarusFailed(step, log):
            return "Icarus cross-check failed to run (\(step)):\n\(log)"
        }
    }
}
