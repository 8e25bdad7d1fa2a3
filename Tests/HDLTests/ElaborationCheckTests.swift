import XCTest
import HDL

// One small faulty design per elaboration check. Each records the line of its
// mistake (`static let mistake = #line + N`), and the test asserts that the
// error names this file and that line, with a message that says what is wrong.

private final class AssignWidthMismatch: Module {
    let a = Input(8)
    let y = Output(4)
    static let mistake = #line + 2
    var body: Logic {
        y <== a
    }
}

private final class OperatorWidthMismatch: Module {
    let a = Input(8)
    let b = Input(4)
    let y = Output(8)
    static let mistake = #line + 2
    var body: Logic {
        y <== a + b
    }
}

private final class ExplicitResizeIsFine: Module {
    let a = Input(8)
    let b = Input(4)
    let y = Output(4)
    var body: Logic {
        y <== a.truncated(to: 4) + b
    }
}

private final class UndrivenOutput: Module {
    let a = Input(1)
    static let mistake = #line + 1
    let y = Output(1)
    let z = Output(1)
    var body: Logic {
        z <== a
    }
}

private final class UndrivenWire: Module {
    let a = Input(1)
    let y = Output(1)
    static let mistake = #line + 1
    let w = Wire(1)
    var body: Logic {
        y <== a ^ w
    }
}

private final class Inverter: Module {
    let a = Input(1)
    let y = Output(1)
    var body: Logic {
        y <== ~a
    }
}

private final class UnconnectedInstanceInput: Module {
    let y = Output(1)
    let inverter = Inverter()
    static let mistake = #line + 2
    var body: Logic {
        y <== inverter.y
    }
}

private final class TwoDrivers: Module {
    let a = Input(1)
    let b = Input(1)
    let y = Output(1)
    static let mistake = #line + 3
    var body: Logic {
        y <== a
        y <== b
    }
}

private final class CombinationalLoop: Module {
    let a = Input(1)
    let y = Output(1)
    let first = Wire(1)
    let second = Wire(1)
    static let mistake = #line + 2
    var body: Logic {
        first <== a ^ second
        second <== ~first
        y <== second
    }
}

/// A loop through a child: the inverter's output feeds its own input.
private final class LoopThroughInstance: Module {
    let y = Output(1)
    let inverter = Inverter()
    static let mistake = #line + 2
    var body: Logic {
        inverter.a <== inverter.y
        y <== inverter.y
    }
}

private final class RegisterBreaksLoop: Module {
    let y = Output(8)
    let count = Reg(8, init: 0)
    var body: Logic {
        count <== count + 1
        y <== count
    }
}

private final class Latch: Module {
    let go = Input(1)
    let a = Input(4)
    let y = Output(4)
    static let mistake = #line + 2
    var body: Logic {
        When(go) {
            y <== a
        }
    }
}

private final class DefaultAvoidsLatch: Module {
    let go = Input(1)
    let a = Input(4)
    let y = Output(4, default: 0)
    var body: Logic {
        When(go) {
            y <== a
        }
    }
}

/// Reads a signal of its child directly instead of through a port.
private final class Peeking: Module {
    let y = Output(8)
    let counter = CounterWithState()
    static let mistake = #line + 3
    var body: Logic {
        counter.step <== 1
        y <== counter.state
    }
}

private final class CounterWithState: Module {
    let step = Input(1)
    let count = Output(8)
    let state = Reg(8, init: 0)
    var body: Logic {
        When(step) { state <== state + 1 }
        count <== state
    }
}

private final class DrivesOwnInput: Module {
    let a = Input(1)
    let y = Output(1)
    static let mistake = #line + 2
    var body: Logic {
        a <== 1
        y <== a
    }
}

/// Connects an 8-bit stream to a 16-bit FIFO: the mismatch is reported at the `connect`.
private final class MismatchedStreams: Module {
    let source = ReadyValidIn(width: 8)
    let fifo = SyncFifo(width: 16)
    let level = Output(6)
    static let mistake = #line + 2
    var body: Logic {
        connect(fifo.in, from: source)
        fifo.out.ready <== 1
        level <== fifo.level
    }
}

final class ElaborationCheckTests: XCTestCase {
    func testWidthMismatchOnAssignment() {
        let d = assertElaborationError(AssignWidthMismatch(), at: .init(line: AssignWidthMismatch.mistake),
                                       contains: ["width mismatch", "`y` is 4 bits", "8 bits"])
        XCTAssertTrue(d?.message.contains(".truncated(to:)") ?? false, "the message says how to fix it")
    }

    func testWidthMismatchOnOperator() {
        assertElaborationError(OperatorWidthMismatch(), at: .init(line: OperatorWidthMismatch.mistake),
                               contains: ["width mismatch in `+`: `a` (8 bits) vs `b` (4 bits)"])
    }

    func testExplicitResizeElaborates() throws {
        XCTAssertNoThrow(try Design(ExplicitResizeIsFine()))
    }

    func testUndrivenOutput() {
        assertElaborationError(UndrivenOutput(), at: .init(line: UndrivenOutput.mistake),
                               contains: ["output `y` is never driven"])
    }

    func testUndrivenWire() {
        assertElaborationError(UndrivenWire(), at: .init(line: UndrivenWire.mistake),
                               contains: ["wire `w` is never driven"])
    }

    func testUnconnectedInstanceInput() {
        assertElaborationError(UnconnectedInstanceInput(), at: .init(line: UnconnectedInstanceInput.mistake),
                               contains: ["input `a` of instance `inverter`", "not connected"])
    }

    func testTwoDrivers() {
        assertElaborationError(TwoDrivers(), at: .init(line: TwoDrivers.mistake),
                               contains: ["`y` has two drivers"])
    }

    func testCombinationalLoopNamesEverySignalOnIt() {
        let d = assertElaborationError(CombinationalLoop(), at: .init(line: CombinationalLoop.mistake),
                                       contains: ["combinational loop: first -> second -> first"])
        // The note lines point at both assignments on the loop.
        XCTAssertEqual(d?.notes.map(\.location.line).sorted(),
                       [CombinationalLoop.mistake, CombinationalLoop.mistake + 1])
    }

    func testCombinationalLoopThroughAnInstance() {
        assertElaborationError(LoopThroughInstance(), at: .init(line: LoopThroughInstance.mistake),
                               contains: ["combinational loop: inverter.a -> inverter.y -> inverter.a"])
    }

    func testRegisterBreaksALoop() {
        XCTAssertNoThrow(try Design(RegisterBreaksLoop()))
    }

    func testLatch() {
        assertElaborationError(Latch(), at: .init(line: Latch.mistake),
                               contains: ["`y` is not assigned on every path", "latch"])
    }

    func testDefaultAvoidsLatch() {
        XCTAssertNoThrow(try Design(DefaultAvoidsLatch()))
    }

    func testSignalOfAnotherModuleWithoutAPort() {
        assertElaborationError(Peeking(), at: .init(line: Peeking.mistake),
                               contains: ["signal `state`", "without passing through a port"])
    }

    func testModuleDrivingItsOwnInput() {
        assertElaborationError(DrivesOwnInput(), at: .init(line: DrivesOwnInput.mistake),
                               contains: ["input `a` is driven inside its own module"])
    }

    func testStreamConnectionOfTwoWidths() {
        assertElaborationError(MismatchedStreams(), at: .init(line: MismatchedStreams.mistake),
                               contains: ["width mismatch: `in_data` is 16 bits"])
    }

    /// All errors of a design are reported together, not one per run.
    func testEveryErrorIsReportedAtOnce() {
        final class Several: Module {
            let a = Input(8)
            let y = Output(4)
            let z = Output(1)
            var body: Logic { y <== a }
        }
        let error = elaborationError(Several())
        XCTAssertEqual(error?.diagnostics.count, 2, "\(String(describing: error))")
    }
}
