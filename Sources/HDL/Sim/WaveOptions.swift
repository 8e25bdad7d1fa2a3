import Foundation

/// Where a simulation writes its waveform (VCD, readable by gtkwave). The
/// file is `<directory>/<simulation name>.vcd`. Tracing compiles a different
/// model (Verilator `--trace`), cached separately from the fast one.
public struct WaveOptions: Sendable, Equatable {
    public var directory: URL

    /// `directory`, or else `HDL_WAVES_DIR`, or else `waves/` in the current directory.
    public init(directory: URL? = nil) {
        if let directory {
            self.directory = directory
        } else if let path = ProcessInfo.processInfo.environment["HDL_WAVES_DIR"], !path.isEmpty {
            self.directory = URL(fileURLWithPath: path)
        } else {
            self.directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                .appendingPathComponent("waves")
        }
    }

    /// Waves on when the environment has `HDL_WAVES=1` (so any test can be
    /// rerun with waves without editing it), else nil.
    public static func fromEnvironment() -> WaveOptions? {
        let flag = ProcessInfo.processInfo.environment["HDL_WAVES"] ?? ""
        return ["1", "true", "yes", "on"].contains(flag.lowercased()) ? WaveOptions() : nil
    }

    /// The VCD path for a simulation called `name` (made safe as a file name).
    func fileURL(for name: String) -> URL {
        var safe = name.hasSuffix("()") ? String(name.dropLast(2)) : name
        safe = String(safe.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        return directory.appendingPathComponent((safe.isEmpty ? "simulation" : safe) + ".vcd")
    }
}
