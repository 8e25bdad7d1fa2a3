import Foundation

/// Runs `tshark` to check pcap files with the TTPoE Lua dissector.
///
/// Each run gets a fresh, empty `HOME` (so the user's own profile and plugins
/// cannot change the output) and `-n` (no name resolution). tshark's stderr is
/// kept apart from its stdout: as root it warns there, which is harmless.
public struct Tshark: Sendable {
    /// Why a tshark run failed.
    public enum RunError: Error, CustomStringConvertible {
        case missingLuaScript(path: String)
        case exited(status: Int32, stderr: String)
        case luaError(stderr: String)

        public var description: String {
            switch self {
            case let .missingLuaScript(path): return "no Lua script at \(path)"
            case let .exited(status, stderr): return "tshark exited with status \(status): \(stderr)"
            case let .luaError(stderr): return "tshark reported a Lua error: \(stderr)"
            }
        }
    }

    /// The tshark program.
    public let executable: URL

    public init(executable: URL) {
        self.executable = executable
    }

    /// tshark from the directories in env `PATH`, or nil when it is not installed.
    public static func locate() -> Tshark? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("tshark")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return Tshark(executable: candidate) }
        }
        return nil
    }

    /// Reads `pcap` with the Lua dissector at `luaScript` and returns one row per
    /// frame, one string per field of `fields` (`-T fields -e ...`, tab-separated;
    /// an absent field is ""). `preferences` become `-o name:value` options.
    public func fields(
        pcap: URL, luaScript: URL, fields: [String], preferences: [String: String] = [:]
    ) throws -> [[String]] {
        // tshark silently ignores a missing script; every TTPoE field would then read "".
        guard FileManager.default.fileExists(atPath: luaScript.path) else {
            throw RunError.missingLuaScript(path: luaScript.path)
        }
        var arguments = ["-n", "-r", pcap.path, "-X", "lua_script:\(luaScript.path)"]
        for (name, value) in preferences.sorted(by: { $0.key < $1.key }) { arguments += ["-o", "\(name):\(value)"] }
        arguments += ["-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"]
        arguments += fields.flatMap { ["-e", $0] }
        let output = try run(arguments)
        return output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Runs tshark with `arguments` and returns its stdout; throws when it fails
    /// or its stderr mentions a Lua error.
    public func run(_ arguments: [String]) throws -> String {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("ttp-tshark-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (status, stdout, stderr) = try launch(arguments, scratch: scratch)
        guard status == 0 else { throw RunError.exited(status: status, stderr: stderr) }
        if stderr.contains("Lua") { throw RunError.luaError(stderr: stderr) }
        return stdout
    }

    /// Starts tshark with its home in `scratch`, output captured to files there
    /// (files, not pipes, so a large output cannot block the child).
    private func launch(_ arguments: [String], scratch: URL) throws -> (Int32, String, String) {
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        for url in [stdoutURL, stderrURL] where !FileManager.default.createFile(atPath: url.path, contents: nil) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch.path
        environment["XDG_CONFIG_HOME"] = scratch.appendingPathComponent(".config").path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        process.waitUntilExit()
        let stdout = try String(contentsOf: stdoutURL, encoding: .utf8)
        let stderr = try String(contentsOf: stderrURL, encoding: .utf8)
        return (process.terminationStatus, stdout, stderr)
    }
}
