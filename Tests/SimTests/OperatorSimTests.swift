import XCTest
import HDL

/// Every operator of the language, printed to Verilog, simulated in
/// Verilator and Icarus, against its meaning computed in Swift: the check
/// that the emitter's Verilog means what the Swift says (widths,
/// signedness, precedence, nesting like `!(|a)`).
private struct Operation {
    let name: String
    let width: Int
    let hardware: (_ a: Bits, _ b: Bits, _ s: Bits, _ c: Bits) -> Bits
    let model: (_ a: UInt64, _ b: UInt64, _ s: UInt64, _ c: UInt64) -> UInt64
}

/// 8-bit operands `a`, `b` read as two's complement where signed.
private func signed(_ x: UInt64) -> Int64 { Int64(Int8(truncatingIfNeeded: x)) }
private func bit(_ value: Bool) -> UInt64 { value ? 1 : 0 }
private func mask(_ width: Int) -> UInt64 { width >= 64 ? ~0 : (1 << UInt64(width)) - 1 }
private func popcount(_ x: UInt64) -> Int { x.nonzeroBitCount }

private let operations: [Operation] = [
    Operation(name: "add", width: 8, hardware: { a, b, _, _ in a + b }, model: { a, b, _, _ in (a + b) & 0xFF }),
    Operation(name: "add_grow", width: 9, hardware: { a, b, _, _ in a +& b }, model: { a, b, _, _ in a + b }),
    Operation(name: "sub", width: 8, hardware: { a, b, _, _ in a - b }, model: { a, b, _, _ in (a &- b) & 0xFF }),
    Operation(name: "sub_grow", width: 9, hardware: { a, b, _, _ in a -& b }, model: { a, b, _, _ in (a &- b) & 0x1FF }),
    Operation(name: "mul", width: 16, hardware: { a, b, _, _ in a * b }, model: { a, b, _, _ in a * b }),
    Operation(name: "and", width: 8, hardware: { a, b, _, _ in a & b }, model: { a, b, _, _ in a & b }),
    Operation(name: "or", width: 8, hardware: { a, b, _, _ in a | b }, model: { a, b, _, _ in a | b }),
    Operation(name: "xor", width: 8, hardware: { a, b, _, _ in a ^ b }, model: { a, b, _, _ in a ^ b }),
    Operation(name: "not", width: 8, hardware: { a, _, _, _ in ~a }, model: { a, _, _, _ in ~a & 0xFF }),
    Operation(name: "eq", width: 1, hardware: { a, b, _, _ in a == b }, model: { a, b, _, _ in bit(a == b) }),
    Operation(name: "ne", width: 1, hardware: { a, b, _, _ in a != b }, model: { a, b, _, _ in bit(a != b) }),
    Operation(name: "lt", width: 1, hardware: { a, b, _, _ in a < b }, model: { a, b, _, _ in bit(a < b) }),
    Operation(name: "le", width: 1, hardware: { a, b, _, _ in a <= b }, model: { a, b, _, _ in bit(a <= b) }),
    Operation(name: "gt", width: 1, hardware: { a, b, _, _ in a > b }, model: { a, b, _, _ in bit(a > b) }),
    Operation(name: "ge", width: 1, hardware: { a, b, _, _ in a >= b }, model: { a, b, _, _ in bit(a >= b) }),
    Operation(name: "slt", width: 1, hardware: { a, b, _, _ in a.signedLess(than: b) },
              model: { a, b, _, _ in bit(signed(a) < signed(b)) }),
    Operation(name: "sle", width: 1, hardware: { a, b, _, _ in a.signedLessOrEqual(to: b) },
              model: { a, b, _, _ in bit(signed(a) <= signed(b)) }),
    Operation(name: "sgt", width: 1, hardware: { a, b, _, _ in a.signedGreater(than: b) },
              model: { a, b, _, _ in bit(signed(a) > signed(b)) }),
    Operation(name: "sge", width: 1, hardware: { a, b, _, _ in a.signedGreaterOrEqual(to: b) },
              model: { a, b, _, _ in bit(signed(a) >= signed(b)) }),
    Operation(name: "shl", width: 8, hardware: { a, _, s, _ in a << s }, model: { a, _, s, _ in (a << s) & 0xFF }),
    Operation(name: "shr", width: 8, hardware: { a, _, s, _ in a >> s }, model: { a, _, s, _ in a >> s }),
    Operation(name: "sshr", width: 8, hardware: { a, _, s, _ in a >>> s },
              model: { a, _, s, _ in UInt64(bitPattern: signed(a) >> Int64(s)) & 0xFF }),
    Operation(name: "shl_const", width: 8, hardware: { a, _, _, _ in a << 3 }, model: { a, _, _, _ in (a << 3) & 0xFF }),
    Operation(name: "slice", width: 4, hardware: { a, _, _, _ in a.bits(5, 2) }, model: { a, _, _, _ in a >> 2 & 0xF }),
    Operation(name: "msb", width: 1, hardware: { a, _, _, _ in a.msb }, model: { a, _, _, _ in a >> 7 }),
    Operation(name: "cat", width: 16, hardware: { a, b, _, _ in cat(a, b) }, model: { a, b, _, _ in a << 8 | b }),
    Operation(name: "replicate", width: 12, hardware: { a, _, _, _ in a.bits(3, 0).replicated(3) },
              model: { a, _, _, _ in (a & 0xF) * 0x111 }),
    Operation(name: "and_reduce", width: 1, hardware: { a, _, _, _ in a.andReduce() }, model: { a, _, _, _ in bit(a == 0xFF) }),
    Operation(name: "or_reduce", width: 1, hardware: { a, _, _, _ in a.orReduce() }, model: { a, _, _, _ in bit(a != 0) }),
    Operation(name: "xor_reduce", width: 1, hardware: { a, _, _, _ in a.xorReduce() },
              model: { a, _, _, _ in UInt64(popcount(a) & 1) }),
    Operation(name: "nor_reduce", width: 1, hardware: { a, _, _, _ in !a.orReduce() }, model: { a, _, _, _ in bit(a == 0) }),
    Operation(name: "not_xor_reduce", width: 1, hardware: { a, _, _, _ in ~a.xorReduce() },
              model: { a, _, _, _ in UInt64(popcount(a) & 1) ^ 1 }),
    Operation(name: "logic", width: 1, hardware: { a, b, _, c in (c && a.msb) || !b[0] },
              model: { a, b, _, c in bit((c == 1 && a >> 7 == 1) || b & 1 == 0) }),
    Operation(name: "mux", width: 8, hardware: { a, b, _, c in mux(c, a, b) }, model: { a, b, _, c in c == 1 ? a : b }),
    Operation(name: "select", width: 8, hardware: { a, b, s, _ in select([a, b, a ^ b, ~a], at: s.bits(1, 0)) },
              model: { a, b, s, _ in [a, b, a ^ b, ~a & 0xFF][Int(s & 3)] }),
    // Five values on a 3-bit index (6 and 7 give the last) and on the whole of s.
    Operation(name: "select_past_end", width: 8, hardware: { a, b, s, _ in select([a, b, a ^ b, ~a, a & b], at: s.bits(2, 0)) },
              model: { a, b, s, _ in [a, b, a ^ b, ~a & 0xFF, a & b][min(Int(s & 7), 4)] }),
    Operation(name: "select_wide_index", width: 8, hardware: { a, b, s, _ in select([a, b, a | b], at: s) },
              model: { a, b, s, _ in [a, b, a | b][min(Int(s), 2)] }),
    Operation(name: "stepped", width: 8, hardware: { a, _, s, _ in a.stepped(up: s[0], down: s[1]) },
              model: { a, _, s, _ in (a &+ (s & 1) &- (s >> 1 & 1)) & 0xFF }),
    Operation(name: "split_middle", width: 2, hardware: { a, _, _, _ in a.split(fromTop: [3, 2, 3])[1] },
              model: { a, _, _, _ in (a >> 3) & 3 }),
    Operation(name: "split_last", width: 3, hardware: { a, _, _, _ in a.split(fromTop: [3, 2, 3])[2] },
              model: { a, _, _, _ in a & 7 }),
    Operation(name: "zext", width: 12, hardware: { a, _, _, _ in a.zext(to: 12) }, model: { a, _, _, _ in a }),
    Operation(name: "sext", width: 12, hardware: { a, _, _, _ in a.sext(to: 12) },
              model: { a, _, _, _ in UInt64(bitPattern: signed(a)) & 0xFFF }),
    Operation(name: "nested", width: 10, hardware: { a, b, s, _ in (a.zext(to: 10) +& b.zext(to: 10)).truncated(to: 10) - (s.zext(to: 10) << 2) },
              model: { a, b, s, _ in (a + b &- (s << 2)) & 0x3FF }),
]

private final class OperatorZoo: Module {
    let a = Input(8)
    let b = Input(8)
    let s = Input(3)
    let c = Input(1)
    let results: [Output] = operations.map { Output($0.width) }

    var body: Logic {
        for (result, operation) in zip(results, operations) {
            result <== operation.hardware(a.bits, b.bits, s.bits, c.bits).named(operation.name)
        }
    }
}

final class OperatorSimTests: XCTestCase {
    func testEveryOperatorMeansWhatTheSwiftSays() throws {
        var random = SeededRandom.fromEnvironment()
        let design = try VerilogEmitter.emit(OperatorZoo())
        try ToolFlowCheck.run(design)
        let sim = try Simulator(design: design, name: "operator_zoo")
        sim.startRecording()
        let inputs = ["a", "b", "s", "c"].map(sim.port)
        let outputs = operations.indices.map { sim.port("results_\($0)") }
        // Corner values first, then random ones.
        let corners: [UInt64] = [0, 1, 0x7F, 0x80, 0xFF]
        for cycle in 0..<2_000 {
            let values = cycle < 25
                ? [corners[cycle % 5], corners[cycle / 5], UInt64(cycle % 8), UInt64(cycle % 2)]
                : [random.next() & 0xFF, random.next() & 0xFF, random.next() & 7, random.next() & 1]
            for (port, value) in zip(inputs, values) { sim.set(port, value) }
            sim.step()
            for (operation, port) in zip(operations, outputs) {
                let expected = operation.model(values[0], values[1], values[2], values[3]) & mask(operation.width)
                XCTAssertEqual(sim.get(port), expected, "\(operation.name)(a: \(values[0]), b: \(values[1]), s: \(values[2]), c: \(values[3]))")
            }
        }
        try sim.crossCheckWithIcarus()
    }
}
