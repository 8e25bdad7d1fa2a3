import Foundation

/// Verilator's C++ run-time library (`verilated.cpp` and friends), compiled
/// once per cache directory, Verilator version and tracing mode, then linked
/// into every model. `verilator --build` would recompile it for each design,
/// which costs more (about 4 s here) than compiling a small design itself.
struct VerilatedRuntime {
    let toolchain: Toolchain
    let tracing: Bool

    static let archiveName = "libverilated_rt.a"

    /// Compiler flags shared by the run time, the model and the shim. They
    /// mirror `verilated.mk`, so all three agree on the configuration macros.
    static func compileFlags(_ toolchain: Toolchain, tracing: Bool) -> [String] {
        let include = toolchain.verilatorRoot + "/include"
        let trace = tracing ? "1" : "0"
        return [
            "-I\(include)", "-I\(include)/vltstd",
            "-DVM_COVERAGE=0", "-DVM_SC=0", "-DVM_TRACE=\(trace)", "-DVM_TRACE_FST=0", "-DVM_TRACE_VCD=\(trace)",
            "-faligned-new", "-fcf-protection=none", "-fPIC", "-pthread", "-w",
            VerilatorBuild.cxxOptimization,
        ]
    }

    private var sources: [String] {
        ["verilated.cpp", "verilated_threads.cpp"] + (tracing ? ["verilated_vcd_c.cpp"] : [])
    }

    /// Path of the archive, built into `cache` if absent.
    func archive(in cache: BuildCache) throws -> String {
        let flags = Self.compileFlags(toolchain, tracing: tracing)
        var hasher = SHA256()
        for part in [toolchain.verilatorVersion, toolchain.cxxVersion, toolchain.verilatorRoot] + flags + sources {
            hasher.update(part + "\n")
        }
        let name = "runtime-" + hasher.finalizeHex().prefix(24)
        let (directory, _) = try cache.entry(name, product: Self.archiveName) { scratch in
            try compile(into: scratch, flags: flags)
        }
        return directory.appendingPathComponent(Self.archiveName).path
    }

    /// Compiles the sources side by side (two cores) and archives the objects.
    private func compile(into scratch: URL, flags: [String]) throws {
        let include = toolchain.verilatorRoot + "/include/"
        let jobs = try sources.map { source -> ProcessRunner.Running in
            let object = source.replacingOccurrences(of: ".cpp", with: ".o")
            return try ProcessRunner.start(
                toolchain.cxx, flags + ["-c", include + source, "-o", object],
                in: scratch, log: scratch.appendingPathComponent(object + ".log"))
        }
        for (job, source) in zip(jobs, sources) {
            let outcome = job.wait()
            guard outcome.succeeded else { throw SimulationError.buildFailed(step: "compile \(source)", log: outcome.output) }
        }
        let objects = sources.map { $0.replacingOccurrences(of: ".cpp", with: ".o") }
        let archiver = try Toolchain.locate("ar", package: "binutils")
        let outcome = try ProcessRunner.run(
            archiver, ["rcs", Self.archiveName] + objects, in: scratch, log: scratch.appendingPathComponent("ar.log"))
        guard outcome.succeeded else { throw SimulationError.buildFailed(step: "archive run time", log: outcome.output) }
    }
}
