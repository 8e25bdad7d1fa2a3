import XCTest
import HDL
import HDLExamples

/// `width` input bits registered, combined into one bit (AND or XOR of all)
/// and registered again: a logic cone between two registers.
private final class RegisteredReduction: Module {
    enum Operation { case and, xor }
    let d: Input
    let y = Output(1)
    let source: Reg
    let result = Reg(1)
    let width: Int
    let operation: Operation

    init(width: Int, _ operation: Operation) {
        self.width = width
        self.operation = operation
        d = Input(width)
        source = Reg(width)
    }

    var moduleName: String { "registered_\(operation)_\(width)" }

    var body: Logic {
        source <== d
        let bits = (0..<width).map { source[$0] }
        result <== bits.dropFirst().reduce(bits[0]) { operation == .and ? $0 & $1 : $0 ^ $1 }
        y <== result
    }
}

/// Outputs straight from inputs and constants: no logic at all.
private final class Wires: Module {
    let a = Input(4)
    let y = Output(4)
    let zero = Output(2)
    var body: Logic {
        y <== a
        zero <== 0
    }
}

/// LogicDepthCheck: yosys synth_ice40, then the longest LUT path between
/// registers and ports.
final class LogicDepthCheckTests: XCTestCase {
    private func depth(_ module: any Module) throws -> LogicDepthReport {
        try LogicDepthCheck.measure(VerilogEmitter.emit(module))
    }

    /// A 4-input LUT combines at most four signals a level, so n signals
    /// need ceil(log4 n) levels; yosys reaches that or comes within one.
    func testDepthGrowsWithTheWidthOfAReduction() throws {
        let and8 = try depth(RegisteredReduction(width: 8, .and))
        let and64 = try depth(RegisteredReduction(width: 64, .and))
        XCTAssertGreaterThanOrEqual(and8.depth, 2, "\(and8)")
        XCTAssertGreaterThan(and64.depth, and8.depth, "\(and64)")
        for (width, levels) in [(2, 1), (16, 2), (64, 3)] {
            let report = try depth(RegisteredReduction(width: width, .xor))
            XCTAssertGreaterThanOrEqual(report.depth, levels, "\(report)")
            XCTAssertLessThanOrEqual(report.depth, levels + 1, "\(report)")
            XCTAssertEqual(report.carriesOnPath, 0, "\(report)")
        }
    }

    /// The path runs from the source register to the result register, named
    /// as in the Verilog, and the printed report shows both.
    func testPathNamesItsStartAndEndRegisters() throws {
        let report = try depth(RegisteredReduction(width: 16, .xor))
        XCTAssertTrue(report.start.hasPrefix("register source_reg["), report.start)
        XCTAssertTrue(report.end.hasPrefix("register result_reg"), report.end)
        XCTAssertTrue(report.path.first?.hasPrefix("source_reg[") ?? false, "\(report.path)")
        XCTAssertEqual(report.lutsOnPath, report.depth)
        for text in ["registered_xor_16: LUT depth \(report.depth)", "source_reg[", "result_reg"] {
            XCTAssertTrue(report.description.contains(text), report.description)
        }
    }

    /// A 32-bit counter is a carry chain: 32 carries are 4 levels, plus the
    /// LUTs around it.
    func testCarryChainCountsAnEighthALevelPerCarry() throws {
        let report = try depth(UpDownCounter(width: 32))
        XCTAssertLessThanOrEqual(report.depth, 2 + 32 / 8, "\(report)")
        XCTAssertGreaterThan(report.carriesOnPath, 8, "\(report)")
        XCTAssertEqual(report.depth, (8 * report.lutsOnPath + report.carriesOnPath + 7) / 8)
    }

    func testNoLogicIsDepthZero() throws {
        let report = try depth(Wires())
        XCTAssertEqual(report.depth, 0)
        XCTAssertEqual(report.path, [])
        XCTAssertTrue(report.description.contains("LUT depth 0"), report.description)
    }
}

/// The netlist walk on hand-written netlists: constants, unknown cells,
/// ports without a direction, inout ports and loops.
final class LogicDepthNetlistTests: XCTestCase {
    private static let lutPorts = #""port_directions": {"I0": "input", "I1": "input", "I2": "input", "I3": "input", "O": "output"}"#

    private func lut(_ name: String, _ i0: String, _ i1: String, out: String) -> String {
        #""\#(name)": {"type": "SB_LUT4", \#(Self.lutPorts), "connections": {"I0": \#(i0), "I1": \#(i1), "I2": ["0"], "I3": ["x"], "O": \#(out)}}"#
    }

    private func netlist(ports: String, cells: [String], names: String) -> Data {
        Data(#"{"modules": {"t": {"ports": {\#(ports)}, "cells": {\#(cells.joined(separator: ", "))}, "netnames": {\#(names)}}}}"#.utf8)
    }

    /// a -> LUT -> unknown cell -> LUT -> y would be two levels if the
    /// unknown cell were transparent; it is a boundary, so one. Constant
    /// inputs start nothing, and an inout port is both start and end.
    func testUnknownCellsAndInoutPortsAreBoundaries() throws {
        let json = netlist(
            ports: #""a": {"direction": "input", "bits": [2]}, "y": {"direction": "output", "bits": [5]}, "io": {"direction": "inout", "bits": [7]}"#,
            cells: [lut("first", "[2]", #"["1"]"#, out: "[3]"),
                    #""box": {"type": "VENDOR_THING", "connections": {"A": [3], "Z": [4]}}"#,
                    lut("second", "[4]", "[7]", out: "[5]")],
            names: #""a": {"hide_name": 0, "bits": [2]}, "mid": {"hide_name": 0, "bits": [3]}, "boxed": {"hide_name": 0, "bits": [4]}, "y": {"hide_name": 0, "bits": [5]}"#)
        let report = try LogicDepthCheck.analyze(netlist: json, top: "t")
        XCTAssertEqual(report.depth, 1, "\(report)")
        XCTAssertEqual(report.start, "input a")
        XCTAssertEqual(report.end, "cell VENDOR_THING box (A)")
        XCTAssertEqual(report.path, ["a", "mid"])
    }

    /// A loop (which synthesis never leaves) is cut, not walked forever;
    /// hidden and made-up names are shown as unnamed.
    func testLoopIsCutAndUnnamedNetsAreCounted() throws {
        let json = netlist(
            ports: #""z": {"direction": "output", "bits": [9]}"#,
            cells: [lut("l3", "[9]", #"["0"]"#, out: "[8]"), lut("l4", "[8]", #"["0"]"#, out: "[9]")],
            names: #""$abc$1$n8": {"hide_name": 1, "bits": [8]}, "z_SB_LUT4_O": {"hide_name": 0, "bits": [9]}"#)
        let report = try LogicDepthCheck.analyze(netlist: json, top: "t")
        XCTAssertEqual(report.depth, 2, "\(report)")
        XCTAssertEqual(report.path, ["(3 unnamed nets)"])
    }

    func testMissingModuleIsAnError() {
        XCTAssertThrowsError(try LogicDepthCheck.analyze(netlist: Data(#"{"modules": {}}"#.utf8), top: "t"))
    }
}
