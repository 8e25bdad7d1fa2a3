import Foundation

/// Paths inside this repository, found from this source file's location
/// (`testbench/RepositoryPaths.swift`), so tests work from any directory.
public enum RepositoryPaths {
    /// The repository root (the directory holding `Package.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // testbench
        .deletingLastPathComponent()  // root

    /// The TTPoE Wireshark dissector, `tools/wireshark/ttpoe.lua`.
    public static let wiresharkDissector: URL = root.appendingPathComponent("tools/wireshark/ttpoe.lua")
}
