import Foundation

/// Turns an `EmittedDesign` into a loadable shared library: Verilator
/// translates the Verilog to C++, g++ compiles it with the shim, and the
/// result is cached under a hash of everything that went into it, so the
/// second simulator of the same design (in this process or the next) skips
/// straight to `dlopen`.
struct VerilatorBuild {
    let design: EmittedDesign
    let tracing: Bool
    let toolchain: Toolchain
    let cache: BuildCache

    /// What a build (or a cache hit) yields.
    struct Product {
        let libraryPath: String
        /// True when the library was already in the cache: Verilator did not run.
        let wasCached: Bool
        /// Verilator's lint warnings for the design (they do not stop a build).
        let warnings: String
    }

    static let libraryName = "libmodel.so"
    static let warningsName = "verilator-warnings.log"

    /// Optimization for the generated C++ (model, shim, run time). Building
    /// dominates a test's time, and -O1 builds nearly as fast as -O0 while
    /// running close to -O2 (numbers in BENCHMARKS.md). `HDL_SIM_CXX_OPT`
    /// (e.g. `-O2`) overrides it for long runs; it is part of the cache key.
    static let cxxOptimization: String = {
        let override = ProcessInfo.processInfo.environment["HDL_SIM_CXX_OPT"] ?? ""
        return override.hasPrefix("-O") ? override : "-O1"
    }()

    /// Verilator options. Warnings are not fatal: lint is the DSL's checks'
    /// job, and a simulation should run whatever Verilog it is given; the
    /// warnings are kept in `Product.warnings`.
    var verilatorFlags: [String] {
        ["--cc", "--default-language", "1364-2005", "-Wno-fatal", "-Wno-SYMRSVDWORD",
         "--top-module", design.top, "--Mdir", "obj"]
            + (tracing ? ["--trace"] : [])
    }

    var shimText: String { ShimGenerator(design: design, tracing: tracing).text }

    /// The stable cache key: SHA-256 of the Verilog, the shim, the tools'
    /// versions, the flags and the tracing mode.
    var key: String {
        var hasher = SHA256()
        func add(_ part: String) { hasher.update("\(part.utf8.count):"); hasher.update(part) }
        add("swift-hdl-sim \(ShimGenerator.abiVersion)")
        add(design.top)
        for file in design.files { add(file.name); add(file.text) }
        add(shimText)
        add(toolchain.verilatorVersion)
        add(toolchain.cxxVersion)
        verilatorFlags.forEach(add)
        VerilatedRuntime.compileFlags(toolchain, tracing: tracing).forEach(add)
        add(tracing ? "trace" : "no-trace")
        return hasher.finalizeHex()
    }

    /// The library for this design, from the cache or freshly built.
    func product() throws -> Product {
        let runtime = try VerilatedRuntime(toolchain: toolchain, tracing: tracing).archive(in: cache)
        let name = "model-\(design.top)-\(key.prefix(32))"
        let (directory, cached) = try cache.entry(name, product: Self.libraryName) { scratch in
            try build(in: scratch, runtime: runtime)
        }
        let warnings = (try? String(contentsOf: directory.appendingPathComponent(Self.warningsName), encoding: .utf8)) ?? ""
        return Product(
            libraryPath: directory.appendingPathComponent(Self.libraryName).path,
            wasCached: cached, warnings: warnings)
    }

    // MARK: the build steps

    private func build(in scratch: URL, runtime: String) throws {
        BuildCounter.shared.increment()
        for file in design.files {
            try file.text.write(to: scratch.appendingPathComponent(file.name), atomically: false, encoding: .utf8)
        }
        try shimText.write(to: scratch.appendingPathComponent("hdl_shim.cpp"), atomically: false, encoding: .utf8)
        try verilate(in: scratch)
        try compileModelAndShim(in: scratch)
        try link(in: scratch, runtime: runtime)
        // The objects are no longer needed; the sources and logs stay for whoever debugs.
        try? FileManager.default.removeItem(at: scratch.appendingPathComponent("obj"))
        try? FileManager.default.removeItem(at: scratch.appendingPathComponent("hdl_shim.o"))
    }

    /// Verilog to C++. Run inside the scratch directory with bare file names,
    /// so an error reads `counter.v:5:3: ...` and names the user's file.
    private func verilate(in scratch: URL) throws {
        let log = scratch.appendingPathComponent(Self.warningsName)
        let outcome = try ProcessRunner.run(
            toolchain.verilator, verilatorFlags + design.files.map(\.name), in: scratch, log: log)
        guard outcome.succeeded else { throw SimulationError.buildFailed(step: "verilator", log: outcome.output) }
    }

    /// The model's own makefile (it knows how to split large designs) and the
    /// shim compile run side by side.
    private func compileModelAndShim(in scratch: URL) throws {
        let make = try Toolchain.locate("make", package: "make")
        let flags = VerilatedRuntime.compileFlags(toolchain, tracing: tracing)
        let optimization = VerilatorBuild.cxxOptimization
        let model = try ProcessRunner.start(
            make,
            ["-j", "2", "-C", "obj", "-f", "V\(design.top).mk",
             // OPT_SLOW (run-once initialisation code) stays at make's -O0.
             "OPT_FAST=\(optimization)", "USER_CPPFLAGS=-fPIC"],
            in: scratch, log: scratch.appendingPathComponent("make.log"))
        let shim = try ProcessRunner.start(
            toolchain.cxx, flags + ["-Iobj", "-c", "hdl_shim.cpp", "-o", "hdl_shim.o"],
            in: scratch, log: scratch.appendingPathComponent("shim.log"))
        let modelOutcome = model.wait()
        let shimOutcome = shim.wait()
        guard modelOutcome.succeeded else { throw SimulationError.buildFailed(step: "compile model", log: modelOutcome.output) }
        guard shimOutcome.succeeded else { throw SimulationError.buildFailed(step: "compile shim", log: shimOutcome.output) }
    }

    /// One shared library. Symbols of the static archives stay local and bind
    /// inside the library, so two models (each with its own copy of the
    /// Verilator run time) can be loaded into one process.
    private func link(in scratch: URL, runtime: String) throws {
        let outcome = try ProcessRunner.run(
            toolchain.cxx,
            ["-shared", "-o", Self.libraryName, "hdl_shim.o", "obj/V\(design.top)__ALL.a", runtime,
             "-pthread", "-latomic", "-Wl,--exclude-libs,ALL", "-Wl,-Bsymbolic"],
            in: scratch, log: scratch.appendingPathComponent("link.log"))
        guard outcome.succeeded else { throw SimulationError.buildFailed(step: "link", log: outcome.output) }
    }
}
