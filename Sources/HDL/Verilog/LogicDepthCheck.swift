import Foundation

/// A quick estimate of a design's logic depth, for tests that guard a timing
/// budget: place and route takes tens of seconds a block, this a few.
///
/// Debian's yosys maps the design to iCE40 cells (`synth_ice40 -flatten`),
/// and the check walks the netlist for the longest combinational path between
/// start and end points: flip-flops (`SB_DFF*`), block RAM ports
/// (`SB_RAM40_4K`), the top's ports, and any cell it does not know. Each
/// `SB_LUT4` on the path is one level and each `SB_CARRY` an eighth (a carry
/// chain is fast), rounded up. It counts levels, not nanoseconds: routing and
/// fan-out are not in it, so compare it with `bench/fpga/run` to set a budget.
public enum LogicDepthCheck {
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Synthesizes `design` with yosys and measures its deepest path.
    public static func measure(_ design: EmittedDesign) throws -> LogicDepthReport {
        try analyze(netlist: try synthesize(design), top: design.top)
    }

    /// Every register or port of `design` reached by a path deeper than
    /// `levels`, deepest first: the list to work through when closing timing.
    public static func endsDeeper(than levels: Int, in design: EmittedDesign) throws -> [(end: String, depth: Int)] {
        let graph = try Ice40Netlist(json: try synthesize(design), top: design.top)
        return DeepestPath(graph).endsDeeper(than: levels)
    }

    /// The yosys JSON netlist of `design` in iCE40 cells.
    private static func synthesize(_ design: EmittedDesign) throws -> Data {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hdl-depth-\(getpid())-\(design.top)-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try design.write(to: directory).map(\.path)
        let yosys = try Toolchain.locate("yosys", package: "yosys")
        let script = "read_verilog \(files.joined(separator: " ")); synth_ice40 -flatten -top \(design.top); "
            + "write_json netlist.json"
        let log = directory.appendingPathComponent("yosys.log")
        let outcome = try ProcessRunner.run(yosys, ["-q", "-p", script], in: directory, log: log)
        guard outcome.succeeded else { throw Failure(message: "yosys synth_ice40 failed:\n\(outcome.output)") }
        return try Data(contentsOf: directory.appendingPathComponent("netlist.json"))
    }

    /// The deepest path of module `top` in a yosys JSON netlist of iCE40
    /// cells (`write_json` after `synth_ice40 -flatten`).
    public static func analyze(netlist: Data, top: String) throws -> LogicDepthReport {
        let graph = try Ice40Netlist(json: netlist, top: top)
        return DeepestPath(graph).report(top: top)
    }
}
