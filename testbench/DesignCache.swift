import Foundation
import HDL

/// Emitted designs shared by the tests of one run, one per parameter set, so
/// that a test class simulating a block at four widths emits each once.
/// (Verilator builds are cached by the simulator itself, by content.)
public enum DesignCache {
    nonisolated(unsafe) private static var designs: [String: EmittedDesign] = [:]
    private static let lock = NSLock()

    /// The design for `key`, emitting `make()` the first time.
    public static func design(_ key: String, _ make: () -> any Module) throws -> EmittedDesign {
        lock.lock()
        defer { lock.unlock() }
        if let design = designs[key] { return design }
        let design = try VerilogEmitter.emit(make())
        designs[key] = design
        return design
    }
}
