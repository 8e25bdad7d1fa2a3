import XCTest
import HDL
import HDLExamples

/// An external Verilog module used as a black box, with its source shipped
/// alongside so the tool-flow check can read it.
private final class VendorAdder: BlackBox {
    let a = Input(8)
    let b = Input(8)
    let sum = Output(8)
    var moduleName: String { "vendor_adder" }
    var verilogParameters: [(name: String, value: String)] { [("WIDTH", "8")] }
    var verilogSource: String? {
        """
        `timescale 1ns / 1ps
        `default_nettype none
        module vendor_adder #(parameter WIDTH = 4) (
            input  wire [WIDTH-1:0] a,
            input  wire [WIDTH-1:0] b,
            output wire [WIDTH-1:0] sum
        );
        assign sum = a + b;
        endmodule
        `default_nettype wire

        """
    }
}

private final class UsesVendorAdder: Module {
    let x = Input(8)
    let y = Output(8)
    let adder = VendorAdder()
    var body: Logic {
        adder.a <== x
        adder.b <== 1
        y <== adder.sum
    }
}

final class EmitterTests: XCTestCase {
    /// The same design, built twice from fresh objects, gives byte-identical files.
    func testOutputIsDeterministic() throws {
        for make in [{ ForwardingPipeline() as any Module }, { CounterPair() }, { SyncFifo(width: 8) }] {
            let first = try VerilogEmitter.emit(make())
            let second = try VerilogEmitter.emit(make())
            XCTAssertEqual(first.files, second.files)
            XCTAssertEqual(first.fileList, second.fileList)
        }
    }

    func testBlackBoxIsInstantiatedWithParameters() throws {
        let design = try emitAndLint(UsesVendorAdder())
        XCTAssertEqual(design.files.map(\.name), ["vendor_adder.v", "uses_vendor_adder.v"])
        XCTAssertTrue(design.text(of: "uses_vendor_adder").contains("vendor_adder #(.WIDTH(8)) adder ("))
    }

    /// Every line that assigns logic points back at the Swift that wrote it.
    func testVerilogNamesTheSwiftSource() throws {
        let text = try VerilogEmitter.emit(UpDownCounter()).text(of: "up_down_counter")
        XCTAssertTrue(text.contains("value_next = value_reg + 8'd1;  // UpDownCounter.swift:19"), text)
    }
}
