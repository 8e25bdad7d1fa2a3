import Foundation

/// The external programs the simulator needs, found on `PATH` once per process.
public struct Toolchain: Sendable {
    public let verilator: String
    public let cxx: String
    /// First line of `verilator --version`; part of the model cache key.
    public let verilatorVersion: String
    /// First line of `g++ --version`; part of the cache key, since objects from
    /// another compiler need not link with this one's.
    public let cxxVersion: String
    /// `VERILATOR_ROOT`: where `include/verilated.h` lives.
    public let verilatorRoot: String

    /// The Verilator tool chain, or an error naming the install command.
    public static func verilatorToolchain() throws -> Toolchain {
        try cache.value()
    }

    /// Icarus Verilog's compiler and runtime, for cross-checks.
    public static func icarus() throws -> (iverilog: String, vvp: String) {
        (try locate("iverilog", package: "iverilog"), try locate("vvp", package: "iverilog"))
    }

    /// The absolute path of `tool` on `PATH`, or `SimulationError.toolMissing`.
    public static func locate(_ tool: String, package: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw SimulationError.toolMissing(tool: tool, package: package)
    }

    private static let cache = ToolchainCache()

    fileprivate static func discover() throws -> Toolchain {
        let verilator = try locate("verilator", package: "verilator")
        let cxx = try locate("g++", package: "g++")
        // Three probes side by side: each `verilator` call starts Perl.
        let scratch = FileManager.default.temporaryDirectory
        let probes = [(verilator, ["--version"]), (verilator, ["--getenv", "VERILATOR_ROOT"]), (cxx, ["--version"])]
        let running = try probes.enumerated().map { index, probe in
            try ProcessRunner.start(
                probe.0, probe.1, in: scratch,
                log: scratch.appendingPathComponent("hdl-sim-probe-\(getpid())-\(index).log"))
        }
        let outputs = running.map { $0.wait().output }
        for job in running { try? FileManager.default.removeItem(at: job.logURL) }
        let (version, root, cxxVersion) = (outputs[0], outputs[1], outputs[2])
        return Toolchain(
            verilator: verilator, cxx: cxx,
            verilatorVersion: firstLine(version), cxxVersion: firstLine(cxxVersion),
            verilatorRoot: firstLine(root))
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n").first ?? "").trimmingCharacters(in: .whitespaces)
    }
}

/// Remembers the discovered tool chain so each simulator does not spawn
/// `verilator --version` again (a failed discovery is retried next time).
private final class ToolchainCache: @unchecked Sendable {
    private let lock = NSLock()
    private var found: Toolchain?

    func value() throws -> Toolchain {
        lock.lock()
        defer { lock.unlock() }
        if let found { return found }
        let discovered = try Toolchain.discover()
        found = discovered
        return discovered
    }
}
