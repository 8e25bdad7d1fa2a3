import XCTest
import HDL

/// `When`/`elseWhen`/`otherwise`, `Switch`/`Is`/`Default`, registers with an
/// enable and a wide reset value, and enums in one-hot and Gray encodings,
/// simulated against a Swift model and replayed in Icarus.
private final class StatementZoo: Module {
    enum Phase: HardwareEnum {
        case idle, busy, done
        static var encoding: EnumEncoding { .oneHot }
    }
    enum Step: HardwareEnum {
        case s0, s1, s2, s3
        static var encoding: EnumEncoding { .gray }
    }

    let go = Input(1)
    let load = Input(1)
    let code = Input(3)
    let value = Input(8)
    let phaseCode = Output(Phase.width)
    let stepCode = Output(Step.width)
    let decoded = Output(8, default: 0xEE)
    let held = Output(8)
    let wide = Output(80)

    let phase = EnumReg(Phase.self, init: .idle)
    let step = EnumReg(Step.self, init: .s0)
    let wideReg = Reg(80, initValue: BitVector(words: [0x0123_4567_89AB_CDEF, 0xFEDC], width: 80))

    var body: Logic {
        When(go && phase == .idle) {
            phase <== .busy
        }.elseWhen(phase == .busy && step == .s3) {
            phase <== .done
        }.elseWhen(phase == .done) {
            phase <== .idle
        }
        When(phase == .busy) {
            Switch(step) { s in
                switch s {
                case .s0: step <== .s1
                case .s1: step <== .s2
                case .s2: step <== .s3
                case .s3: step <== .s0
                }
            }
        }
        Switch(code) {
            Is(1, 2) { decoded <== value }
            Is(5) { decoded <== ~value }
            Default { When(go) { decoded <== 0 } }
        }
        // A register with an enable, declared in the body: it loads its
        // next value (here, every cycle's `value`) only when `load` is 1.
        let loaded = Reg(8, init: 0x5A, enable: load).named("loaded")
        loaded <== value
        When(load && go) { wideReg <== cat(value, wideReg.bits(79, 8)) }
        phaseCode <== phase
        stepCode <== step
        held <== loaded
        wide <== wideReg
    }
}

final class StatementSimTests: XCTestCase {
    func testControlFlowRegistersAndEncodingsMatchModel() throws {
        var random = SeededRandom.fromEnvironment()
        let sim = try Simulator(StatementZoo())
        sim.startRecording()
        sim.reset()
        let inputs = ["go", "load", "code", "value"].map(sim.port)
        let phasePort = sim.port("phase_code"), stepPort = sim.port("step_code"), decoded = sim.port("decoded")
        let heldPort = sim.port("held"), widePort = sim.port("wide")
        var phase = 0, step = 0, held: UInt64 = 0x5A
        var wide = BitVector(words: [0x0123_4567_89AB_CDEF, 0xFEDC], width: 80)
        for cycle in 0..<3_000 {
            let go = random.chance(0.3), load = random.chance(0.3)
            let code = random.next() & 7, value = random.next() & 0xFF
            for (port, v) in zip(inputs, [go ? 1 : 0, load ? 1 : 0, code, value]) { sim.set(port, v) }
            // Combinational: the Switch with its default.
            let expectedDecoded: UInt64 = [1, 2].contains(code) ? value : code == 5 ? ~value & 0xFF : go ? 0 : 0xEE
            XCTAssertEqual(sim.get(decoded), expectedDecoded, "decoded, cycle \(cycle)")
            XCTAssertEqual(sim.get(phasePort), 1 << UInt64(phase), "one-hot phase, cycle \(cycle)")
            XCTAssertEqual(sim.get(stepPort), UInt64(step ^ (step >> 1)), "Gray step, cycle \(cycle)")
            XCTAssertEqual(sim.get(heldPort), held, "enabled register, cycle \(cycle)")
            XCTAssertEqual(sim.getBits(widePort), wide, "wide register, cycle \(cycle)")
            sim.step()
            let busy = phase == 1
            if go && phase == 0 { phase = 1 } else if busy && step == 3 { phase = 2 } else if phase == 2 { phase = 0 }
            if busy { step = (step + 1) % 4 }
            if load { held = value }
            if load && go { wide = BitVector(words: [wide.words[0] >> 8 | wide.words[1] << 56, wide.words[1] >> 8 | value << 8], width: 80) }
        }
        try sim.crossCheckWithIcarus()
    }
}
