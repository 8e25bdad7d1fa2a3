import XCTest
import HDL

/// Copies of a register (`[Reg].copies`) reach synthesis as separate flops:
/// each in an `always` block of its own with the keep attributes, the odd
/// ones complemented, and `copy(_:)` reads every one as the value.
final class RegisterCopiesTests: XCTestCase {
    final class Fanned: Module {
        let value = Input(3)
        let outs = (0..<4).map { _ in Output(3) }
        let copies = [Reg].copies(4, width: 3, initial: 5)

        var body: Logic {
            copies.loadCopies(value)
            for (out, copy) in zip(outs, copies.copies) { out <== copy }
        }
    }

    func testEachCopyIsAKeptFlopOfItsOwn() throws {
        let design = try emitAndLint(Fanned())
        let text = design.files.map(\.text).joined()
        XCTAssertEqual(text.components(separatedBy: "(* keep = 1, syn_preserve = 1 *) always @(posedge clk)").count - 1, 4)
        // Reset so that every copy reads 5: the odd ones hold 2 (~5 in 3 bits).
        XCTAssertTrue(text.contains("copies_0_reg <= 3'd5;"))
        XCTAssertTrue(text.contains("copies_1_reg <= 3'd2;"))
        XCTAssertTrue(text.contains("copies_1_reg <= copies_1_next;"))
    }
}
