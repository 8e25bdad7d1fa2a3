import Foundation

/// Runs the three tools every emitted design must satisfy, on its files:
/// `verilator --lint-only -Wall` (no warnings at all), `iverilog -g2005`
/// (compiles), and `yosys` (`synth -top X; check -assert`, no latches).
/// Tests call `ToolFlowCheck.run(design)` on every example design.
public enum ToolFlowCheck {
    public struct Failure: Error, CustomStringConvertible {
        public let tool: String
        public let output: String
        public var description: String { "\(tool) rejected the design:\n\(output)" }

        public init(tool: String, output: String) {
            self.tool = tool
            self.output = output
        }
    }

    /// Throws `Failure` naming the tool and its output if any check fails;
    /// returns the combined logs otherwise. `synthesize: false` skips yosys
    /// (the slow part for wide designs), leaving the lint and the Icarus compile.
    @discardableResult
    public static func run(_ design: EmittedDesign, synthesize: Bool = true) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hdl-toolcheck-\(getpid())-\(design.top)-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try design.write(to: directory).map(\.path)
        let log = directory.appendingPathComponent("tool.log")
        var logs = ""

        let verilator = try Toolchain.locate("verilator", package: "verilator")
        let lint = try ProcessRunner.run(verilator, ["--lint-only", "-Wall", "--top-module", design.top] + files,
                                         in: directory, log: log)
        guard lint.succeeded, !lint.output.contains("%Warning"), !lint.output.contains("%Error") else {
            throw Failure(tool: "verilator --lint-only -Wall", output: lint.output)
        }
        logs += lint.output

        let iverilog = try Toolchain.locate("iverilog", package: "iverilog")
        let compile = try ProcessRunner.run(iverilog, ["-g2005", "-s", design.top, "-o", "icarus.out"] + files,
                                            in: directory, log: log)
        guard compile.succeeded, compile.output.isEmpty else {
            throw Failure(tool: "iverilog -g2005", output: compile.output)
        }

        guard synthesize else { return logs }
        let yosys = try Toolchain.locate("yosys", package: "yosys")
        let script = "read_verilog \(files.joined(separator: " ")); synth -top \(design.top); check -assert; "
            + "select -assert-none t:$_DLATCH_* t:$dlatch t:$_DLATCHSR_* t:$dlatchsr"
        let synth = try ProcessRunner.run(yosys, ["-q", "-l", "yosys.log", "-p", script], in: directory, log: log)
        let synthLog = (try? String(contentsOf: directory.appendingPathComponent("yosys.log"), encoding: .utf8)) ?? ""
        guard synth.succeeded, !synthLog.contains("Latch inferred") else {
            throw Failure(tool: "yosys synth/check", output: synth.output + synthLog)
        }
        return logs + synthLog
    }
}
