import XCTest
import HDL
import HDLExamples

final class ScratchTests: XCTestCase {
    func testCounterEmits() throws {
        let design = try VerilogEmitter.emit(UpDownCounter(width: 8))
        for f in design.files { print(f.text) }
        try ToolFlowCheck.run(design)
    }
}
