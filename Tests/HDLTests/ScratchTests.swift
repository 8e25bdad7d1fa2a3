import XCTest
import HDL
import HDLExamples

final class ScratchTests: XCTestCase {
    func emit(_ m: any Module) throws {
        let design = try VerilogEmitter.emit(m)
        for f in design.files { print(f.text) }
        try ToolFlowCheck.run(design)
    }
    func testCounterEmits() throws { try emit(UpDownCounter(width: 8)) }
    func testMem() throws { try emit(SyncMemory()) }
    func testFsm() throws { try emit(TrafficLight()) }
    func testFifo() throws { try emit(StreamFifo()) }
}
