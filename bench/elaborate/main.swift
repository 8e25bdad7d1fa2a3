// Elaboration benchmark: builds a generated design of about 100,000 operator
// nodes, then elaborates, checks and emits it, and prints the time of each
// phase and the peak memory (getrusage ru_maxrss).
//
//     swift run -c release bench-elaborate [lanes] [opsPerLane] [chainDepth]
//
// Results are recorded in BENCHMARKS.md ("## Elaboration speed").
import Foundation
import HDL

/// A small deterministic generator (xorshift), so every run builds the same design.
struct XorShift {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }
}

/// `lanes` wires, each the result of `opsPerLane` 32-bit operators over the
/// inputs, 16 registers and earlier lanes (so subexpressions are shared and
/// get temporaries), plus one wire at the end of a chain `chainDepth`
/// operators deep (which recursive passes would overflow the stack on).
final class GeneratedDatapath: Module {
    let a = Input(32)
    let b = Input(32)
    let sel = Input(4)
    let result = Output(32)
    let chained = Output(32)
    let state: [Reg] = (0..<16).map { _ in Reg(32, init: 0) }
    let lanes: Int
    let opsPerLane: Int
    let chainDepth: Int

    init(lanes: Int, opsPerLane: Int, chainDepth: Int) {
        self.lanes = lanes
        self.opsPerLane = opsPerLane
        self.chainDepth = chainDepth
    }

    var body: Logic {
        let (wires, values) = lanesOfLogic()
        for (wire, value) in zip(wires, values) {
            wire <== value
        }
        for (i, reg) in state.enumerated() {
            When(sel == i) {
                reg <== wires[(i * 7919) % lanes]
            }
        }
        result <== wires.suffix(8).dropFirst().reduce(wires[lanes - 8].bits) { $0 ^ $1 }
        chained <== chain()
    }

    /// The lanes' wires and the expressions that drive them.
    private func lanesOfLogic() -> ([Wire], [Bits]) {
        var random = XorShift(state: 0x9E37_79B9_7F4A_7C15)
        var pool: [Bits] = [a.bits, b.bits] + state.map(\.bits)
        var wires: [Wire] = [], values: [Bits] = []
        for lane in 0..<lanes {
            var value = pool[random.next(pool.count)]
            for _ in 0..<opsPerLane {
                value = Self.combine(value, pool[random.next(pool.count)], random.next(8))
                if random.next(16) == 0 { pool.append(value) }
            }
            let wire = Wire(32).named("lane_\(lane)")
            wires.append(wire)
            values.append(value)
            pool.append(wire.bits)
        }
        return (wires, values)
    }

    private func chain() -> Bits {
        var value = a.bits
        for i in 0..<chainDepth {
            value = i % 2 == 0 ? value + b : value ^ state[i % 16]
        }
        return value
    }

    private static func combine(_ x: Bits, _ y: Bits, _ op: Int) -> Bits {
        switch op {
        case 0: return x + y
        case 1: return x - y
        case 2: return x ^ y
        case 3: return x & y
        case 4: return x | y
        case 5: return mux(x[3], x, y)
        case 6: return cat(x.bits(27, 0), y.bits(31, 28))
        default: return mux(x < y, x, y)
        }
    }
}

/// Operator nodes reachable from the statements (each shared node once).
func countOperatorNodes(_ design: Design) -> Int {
    var seen = Set<ObjectIdentifier>()
    var stack: [Node] = []
    func expressions(_ statements: [Statement]) {
        for s in statements {
            switch s.kind {
            case .assign(_, let value): stack.append(value)
            case .when(let branches, let otherwise):
                stack += branches.map(\.condition)
                branches.forEach { expressions($0.body) }
                expressions(otherwise ?? [])
            case .switchOn(let subject, let cases, let otherwise):
                stack.append(subject)
                cases.forEach { stack += $0.values; expressions($0.body) }
                expressions(otherwise ?? [])
            }
        }
    }
    for instance in design.instances { expressions(instance.statements) }
    var count = 0
    while let node = stack.popLast() {
        guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
        if !node.operands.isEmpty { count += 1 }
        stack += node.operands
    }
    return count
}

func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024   // Linux reports kilobytes
}

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let lanes = arguments.count > 0 ? arguments[0] : 1_000
let opsPerLane = arguments.count > 1 ? arguments[1] : 65
let chainDepth = arguments.count > 2 ? arguments[2] : 5_000

let start = DispatchTime.now().uptimeNanoseconds
let top = GeneratedDatapath(lanes: lanes, opsPerLane: opsPerLane, chainDepth: chainDepth)
let design: Design
do {
    design = try Design(top)
} catch {
    print(error)
    exit(1)
}
let elaborated = seconds(since: start)
let emitStart = DispatchTime.now().uptimeNanoseconds
let emitted = VerilogEmitter.emit(design)
let emitTime = seconds(since: emitStart)
let total = seconds(since: start)
let lines = emitted.files.reduce(0) { $0 + $1.text.split(separator: "\n").count }

print("design: \(lanes) lanes x \(opsPerLane) operators + a chain \(chainDepth) deep")
print("operator nodes: \(countOperatorNodes(design))")
print("Verilog: \(emitted.files.count) file(s), \(lines) lines")
print(String(format: "elaborate + check: %.3f s", elaborated))
print(String(format: "emit:              %.3f s", emitTime))
print(String(format: "total:             %.3f s", total))
print(String(format: "peak memory (ru_maxrss): %.1f MB", peakMemoryMB()))
