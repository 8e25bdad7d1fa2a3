import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C functions of one loaded model library (see ShimGenerator.swift).
///
/// Libraries are loaded once per path and never closed: the Verilator run
/// time registers thread-local destructors and static state that `dlclose`
/// would pull out from under the process. A test suite loads a handful of
/// distinct models, so keeping them is cheap.
struct ModelLibrary {
    typealias CreateFn = @convention(c) () -> OpaquePointer
    typealias HandleFn = @convention(c) (OpaquePointer) -> Void
    typealias SetFn = @convention(c) (OpaquePointer, Int32, UInt64) -> Void
    typealias GetFn = @convention(c) (OpaquePointer, Int32) -> UInt64
    typealias SetWordsFn = @convention(c) (OpaquePointer, Int32, UnsafePointer<UInt64>) -> Void
    typealias GetWordsFn = @convention(c) (OpaquePointer, Int32, UnsafeMutablePointer<UInt64>) -> Void
    typealias StepFn = @convention(c) (OpaquePointer, UInt64) -> Void
    typealias TraceOpenFn = @convention(c) (OpaquePointer, UnsafePointer<CChar>) -> Int32
    typealias CountFn = @convention(c) () -> Int32

    let create: CreateFn
    let destroy: HandleFn
    let set: SetFn
    let get: GetFn
    let setWords: SetWordsFn
    let getWords: GetWordsFn
    let eval: HandleFn
    let step: StepFn
    let traceOpen: TraceOpenFn
    let traceClose: HandleFn

    /// Loads (or reuses) the library at `path` and checks it was generated for
    /// this Swift code and for `portCount` ports.
    static func load(_ path: String, portCount: Int) throws -> ModelLibrary {
        let handle = try LoadedLibraries.shared.handle(for: path)
        func symbol<T>(_ name: String, _: T.Type) throws -> T {
            guard let address = dlsym(handle, name) else {
                throw SimulationError.loadFailed("\(path) has no symbol \(name)")
            }
            return unsafeBitCast(address, to: T.self)
        }
        let abi = try symbol("hdl_abi_version", CountFn.self)()
        let ports = try symbol("hdl_port_count", CountFn.self)()
        guard abi == ShimGenerator.abiVersion, ports == portCount else {
            throw SimulationError.loadFailed("\(path): shim ABI \(abi) with \(ports) ports, expected ABI \(ShimGenerator.abiVersion) with \(portCount)")
        }
        return ModelLibrary(
            create: try symbol("hdl_create", CreateFn.self),
            destroy: try symbol("hdl_destroy", HandleFn.self),
            set: try symbol("hdl_set", SetFn.self),
            get: try symbol("hdl_get", GetFn.self),
            setWords: try symbol("hdl_set_words", SetWordsFn.self),
            getWords: try symbol("hdl_get_words", GetWordsFn.self),
            eval: try symbol("hdl_eval", HandleFn.self),
            step: try symbol("hdl_step", StepFn.self),
            traceOpen: try symbol("hdl_trace_open", TraceOpenFn.self),
            traceClose: try symbol("hdl_trace_close", HandleFn.self))
    }
}

/// Process-wide table of `dlopen` handles by path.
private final class LoadedLibraries: @unchecked Sendable {
    static let shared = LoadedLibraries()
    private let lock = NSLock()
    private var handles: [String: UnsafeMutableRawPointer] = [:]

    func handle(for path: String) throws -> UnsafeMutableRawPointer {
        lock.lock()
        defer { lock.unlock() }
        if let handle = handles[path] { return handle }
        // RTLD_LOCAL: each model keeps its own copy of the Verilator run time.
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw SimulationError.loadFailed(String(cString: dlerror()))
        }
        handles[path] = handle
        return handle
    }
}
