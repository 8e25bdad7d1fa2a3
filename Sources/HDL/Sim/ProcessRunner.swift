import Foundation

/// Runs an external program to completion, its output captured to a log file
/// (a file, not a pipe: a chatty compiler cannot fill a pipe and deadlock).
public struct ProcessRunner {
    public struct Outcome {
        public let status: Int32
        public let output: String
        public var succeeded: Bool { status == 0 }
    }

    /// A started program; `wait()` collects it. Lets independent compiles run
    /// side by side on the two cores.
    final class Running {
        let process: Process
        let logURL: URL

        init(process: Process, logURL: URL) {
            self.process = process
            self.logURL = logURL
        }

        func wait() -> Outcome {
            process.waitUntilExit()
            let output = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
            return Outcome(status: process.terminationStatus, output: output)
        }
    }

    /// Starts `executable` with `arguments` in `directory`; stdout and stderr
    /// both go to `log` (created or truncated).
    static func start(_ executable: String, _ arguments: [String], in directory: URL, log: URL) throws -> Running {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? handle.close()
        return Running(process: process, logURL: log)
    }

    /// Runs to completion and returns the status and the combined output.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL, log: URL) throws -> Outcome {
        try start(executable, arguments, in: directory, log: log).wait()
    }
}
