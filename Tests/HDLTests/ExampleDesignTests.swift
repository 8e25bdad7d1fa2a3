import XCTest
import HDL
import HDLExamples

/// Every example design is emitted and passes verilator -Wall, iverilog -g2005
/// and yosys synth + check -assert with no latches.
final class ExampleDesignTests: XCTestCase {
    func testUpDownCounter() throws {
        let design = try emitAndLint(UpDownCounter(width: 8))
        let text = design.text(of: "up_down_counter")
        XCTAssertTrue(text.contains("`default_nettype none"))
        XCTAssertTrue(text.contains("output wire [7:0] count"))
        // The register is `value_reg` with a combinational `value_next`, reset last.
        XCTAssertTrue(text.contains("reg  [7:0] value_reg;"))
        XCTAssertTrue(text.contains("value_reg <= value_next;"))
        XCTAssertTrue(text.contains("value_reg <= 8'd0;"))
        XCTAssertEqual(design.ports.map(\.name), ["clk", "rst", "enable", "up", "count"])
    }

    func testSyncFifo() throws {
        let design = try emitAndLint(SyncFifo(width: 8, depth: 16))
        XCTAssertEqual(design.top, "sync_fifo_8x16")
        XCTAssertTrue(design.text(of: "block_ram_8x16_rw").contains("(* ram_style = \"block\" *)"))
        // The ports of a bundle are named after the property and the member.
        XCTAssertEqual(design.ports.map(\.name), ["clk", "rst", "in_valid", "in_ready", "in_data",
                                                  "out_valid", "out_ready", "out_data", "level"])
    }

    func testSyncMemory() throws {
        let design = try emitAndLint(SyncMemory(width: 16, depth: 64, initial: [1, 2, 3]))
        let text = design.text(of: "sync_memory_16x64")
        XCTAssertTrue(text.contains("reg  [15:0] storage [0:63];"))
        XCTAssertTrue(text.contains("storage[2] = 16'd3;"))
    }

    func testTrafficLightStateMachine() throws {
        let design = try emitAndLint(TrafficLight(hold: 3))
        let text = design.text(of: "traffic_light")
        // The enum register documents its codes; the Switch has one arm per state.
        XCTAssertTrue(text.contains("// green=0, yellow=1, red=2, redYellow=3"))
        for state in ["green", "yellow", "red", "redYellow"] {
            XCTAssertTrue(text.contains("begin  // \(state)"), state)
        }
    }

    func testForwardingPipeline() throws {
        let design = try emitAndLint(ForwardingPipeline())
        let text = design.text(of: "forwarding_pipeline")
        // The forwarding muxes are named wires, as the Swift names them.
        XCTAssertTrue(text.contains("wire [7:0] operand_a ="))
        XCTAssertTrue(text.contains("wire [7:0] operand_b ="))
        XCTAssertTrue(text.contains("registers_3_reg <= 8'd0;"))
    }

    func testHierarchyOfTwoCounters() throws {
        let design = try emitAndLint(CounterPair(width: 8))
        // Both instances share one child module, which comes first in the file list.
        XCTAssertEqual(design.files.map(\.name), ["up_down_counter.v", "counter_pair.v"])
        XCTAssertEqual(design.fileList, "up_down_counter.v\ncounter_pair.v\n")
        let parent = design.text(of: "counter_pair")
        XCTAssertTrue(parent.contains("up_down_counter rising ("))
        XCTAssertTrue(parent.contains("up_down_counter falling ("))
        XCTAssertTrue(parent.contains(".count(rising_count)"))
    }

    func testPackedStructExample() throws {
        let design = try emitAndLint(LinkContextUpdate())
        XCTAssertEqual(LinkContext.width, 16)
        XCTAssertEqual(LinkContext.layout.map(\.name), ["state", "sequence", "credits"])
        XCTAssertTrue(design.text(of: "link_context_update").contains("output wire [15:0] record"))
    }
}

extension ExampleDesignTests {
    /// The README's example: the Verilog shown there is this output.
    func testAccumulatorOfTheReadme() throws {
        let design = try emitAndLint(Accumulator())
        let text = design.text(of: "accumulator")
        XCTAssertTrue(text.contains("wire [12:0] next = {1'b0, total_reg} + {5'd0, value};"), text)
        let readme = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/HDLTests/ExampleDesignTests.swift", with: "README.md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n").drop { !$0.hasPrefix("module accumulator") }
        let body = lines.prefix { $0 != "endmodule" }.joined(separator: "\n") + "\nendmodule"
        XCTAssertTrue(readme.contains(body), "README.md shows the Verilog the Accumulator emits today; update it to:\n\(body)")
    }
}
