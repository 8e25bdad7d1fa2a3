import XCTest
import Foundation
import HDL
import TTPHardware
import TTPTestbench

/// `ttp-gen` and the parameters behind it: wrong values are refused naming the
/// flag and what is allowed; a build writes files every tool reads.
final class GeneratorTests: XCTestCase {
    func testDefaultsAreValid() {
        XCTAssertEqual(EndpointParameters().problems, [])
    }

    func testEachWrongValueNamesItsFlagAndTheAllowedValues() {
        var p = EndpointParameters()
        p.dataWidth = 100
        p.links = 0
        p.replaySlots = 1
        p.maxPayload = 9000
        p.timerStep = 0
        p.etherType = 0x05DC
        XCTAssertEqual(p.problems, [
            "--data-width: 100 is not one of 64, 128, 256, 512",
            "--links: 0 is outside 1...4096",
            "--replay-slots: 1 is outside 2...65536",
            "--max-payload: 9000 is outside 1...8940",
            "--timer-step: 0 is outside 1...1000000",
            "--ethertype: 0x5dc is below 0x0600, which switches read as an 802.3 length, not a type; use 0x0600...0xFFFF (TTPoE is 0x9AC6)",
        ])
    }

    /// The built `ttp-gen` refuses a wrong flag with exit status 64 and a message naming it.
    func testCommandLineRefusesAWrongWidth() throws {
        let tool = RepositoryPaths.root.appendingPathComponent(".build/debug/ttp-gen")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            throw XCTSkip("ttp-gen is not built at \(tool.path) (scripts/test builds it)")
        }
        let (status, output) = try run(tool, ["--data-width", "100", "--out", temporaryDirectory().path])
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(output.contains("--data-width: 100 is not one of 64, 128, 256, 512"), output)
        let (status2, output2) = try run(tool, ["--ethertype", "banana", "--out", temporaryDirectory().path])
        XCTAssertNotEqual(status2, 0)
        XCTAssertTrue(output2.contains("--ethertype: 'banana' is not a number"), output2)
    }

    /// The default build writes the frame path's modules and a file list that
    /// names each of them once, in dependency order, and iverilog reads as is.
    func testDefaultBuildWritesAFileListToolsRead() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = try EndpointGenerator.write(EndpointParameters(), to: directory)
        let names = written.map(\.lastPathComponent)
        XCTAssertEqual(Set(names).count, names.count, "each module once")
        for top in ["ttp_endpoint.v", "ttp_rx_parser.v", "ttp_tx_builder.v", "ttp_link_engine.v"] { XCTAssertTrue(names.contains(top), top) }
        // Children come before their parents.
        XCTAssertLessThan(names.firstIndex(of: "ttp_rx_header_check.v")!, names.firstIndex(of: "ttp_rx_parser.v")!)
        let list = try String(contentsOf: directory.appendingPathComponent("ttp_endpoint.f"), encoding: .utf8)
        XCTAssertEqual(list.split(separator: "\n").map { URL(fileURLWithPath: String($0)).lastPathComponent }, names)
        let iverilog = URL(fileURLWithPath: try Toolchain.icarus().iverilog)
        let (status, output) = try run(iverilog, ["-g2005", "-o", "/dev/null", "-c", directory.appendingPathComponent("ttp_endpoint.f").path])
        XCTAssertEqual(status, 0, output)
    }

    /// The widths the frame tests do not synthesize (64 and 512 are) still
    /// lint clean and compile in Icarus, every block of the build.
    func testEveryBlockLintsAtTheMiddleWidths() throws {
        for width in [128, 256] {
            var parameters = EndpointParameters()
            parameters.dataWidth = width
            for module in EndpointGenerator.modules(for: parameters) {
                XCTAssertNoThrow(try ToolFlowCheck.run(VerilogEmitter.emit(module), synthesize: false),
                                 "\(module.moduleName) at \(width) bits")
            }
        }
    }

    /// Runs `tool` through the library's runner (output to a log file).
    private func run(_ tool: URL, _ arguments: [String]) throws -> (Int32, String) {
        let log = temporaryDirectory().appendingPathExtension("log")
        defer { try? FileManager.default.removeItem(at: log) }
        let outcome = try ProcessRunner.run(tool.path, arguments, in: FileManager.default.temporaryDirectory, log: log)
        return (outcome.status, outcome.output)
    }

    private func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ttp-gen-test-\(UUID().uuidString)")
    }
}
