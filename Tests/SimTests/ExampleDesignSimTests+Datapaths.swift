import XCTest
import HDL
import HDLExamples

/// The forwarding pipeline, the two-counter hierarchy, the README's
/// accumulator and the packed-struct example against Swift models
/// (random stimulus, seed printed), then replayed in Icarus.
extension ExampleDesignSimTests {
    /// Whatever the spacing of instructions, the pipeline writes back what
    /// running them one at a time would: forwarding hides the pipeline.
    func testForwardingPipelineMatchesSequentialExecution() throws {
        var random = SeededRandom.fromEnvironment()
        let sim = try Simulator(ForwardingPipeline())
        sim.startRecording()
        sim.reset()
        let inValid = sim.port("in_valid"), instruction = sim.port("instruction")
        let wbValid = sim.port("wb_valid"), wbRegister = sim.port("wb_register"), wbValue = sim.port("wb_value")
        var registers = [UInt64](repeating: 0, count: 4)
        var expected: [(register: UInt64, value: UInt64)] = []
        var written = 0
        for cycle in 0..<3_000 {
            if sim.get(wbValid) == 1 {
                guard !expected.isEmpty else { return XCTFail("write-back with nothing issued, cycle \(cycle)") }
                let next = expected.removeFirst()
                XCTAssertEqual(sim.get(wbRegister), next.register, "register, cycle \(cycle)")
                XCTAssertEqual(sim.get(wbValue), next.value, "value, cycle \(cycle)")
                written += 1
            }
            // Dense issue makes back-to-back dependencies (forwarding) common.
            let issue = random.chance(0.8)
            let word = random.next() & 0xFFFF
            sim.set(inValid, issue ? 1 : 0)
            sim.set(instruction, word)
            if issue { expected.append(Self.execute(word, on: &registers)) }
            sim.step()
        }
        XCTAssertGreaterThan(written, 2_000)
        XCTAssertLessThanOrEqual(expected.count, 3, "at most three instructions in flight")
        try sim.crossCheckWithIcarus()
    }

    /// The ISA of `ForwardingPipeline`: opcode[15:14] (add, sub, xor, load
    /// immediate), rd[13:12], rs1[11:10], rs2[9:8], immediate[7:0].
    private static func execute(_ word: UInt64, on r: inout [UInt64]) -> (register: UInt64, value: UInt64) {
        let opcode = word >> 14, rd = Int(word >> 12 & 3), a = r[Int(word >> 10 & 3)], b = r[Int(word >> 8 & 3)]
        let results = [a &+ b, a &- b, a ^ b, word & 0xFF]
        r[rd] = results[Int(opcode)] & 0xFF
        return (UInt64(rd), r[rd])
    }

    func testCounterPairSumsItsChildren() throws {
        var random = SeededRandom.fromEnvironment()
        let sim = try Simulator(CounterPair(width: 8))
        sim.startRecording()
        sim.reset()
        let enable = sim.port("enable"), sum = sim.port("sum"), equal = sim.port("equal")
        var rising: UInt64 = 0, falling: UInt64 = 0
        for cycle in 0..<1_000 {
            XCTAssertEqual(sim.get(sum), rising + falling, "cycle \(cycle)")
            XCTAssertEqual(sim.get(equal), rising == falling ? 1 : 0, "cycle \(cycle)")
            let e = random.chance(0.6)
            sim.set(enable, e ? 1 : 0)
            sim.step()
            if e { rising = (rising + 1) & 0xFF; falling = (falling &- 1) & 0xFF }
        }
        try sim.crossCheckWithIcarus()
    }

    /// The README's example: a 12-bit running sum with a sticky wrap flag.
    func testAccumulatorMatchesModel() throws {
        var random = SeededRandom.fromEnvironment()
        let sim = try Simulator(Accumulator())
        sim.startRecording()
        sim.reset()
        let enable = sim.port("enable"), clear = sim.port("clear"), value = sim.port("value")
        let sum = sim.port("sum"), overflowed = sim.port("overflowed")
        var total: UInt64 = 0, wrapped = false
        for cycle in 0..<2_000 {
            XCTAssertEqual(sim.get(sum), total, "cycle \(cycle)")
            XCTAssertEqual(sim.get(overflowed), wrapped ? 1 : 0, "cycle \(cycle)")
            let e = random.chance(0.9), c = random.chance(0.01), v = random.next() & 0xFF
            sim.set(enable, e ? 1 : 0)
            sim.set(clear, c ? 1 : 0)
            sim.set(value, v)
            sim.step()
            if c {
                (total, wrapped) = (0, false)
            } else if e {
                wrapped = wrapped || total + v > 0xFFF
                total = (total + v) & 0xFFF
            }
        }
        try sim.crossCheckWithIcarus()
    }

    /// The packed-struct example: fields read and replaced by name behave
    /// like the record they describe.
    func testLinkContextUpdateMatchesModel() throws {
        var random = SeededRandom.fromEnvironment()
        let sim = try Simulator(LinkContextUpdate())
        sim.startRecording()
        sim.reset()
        let ports = ["open", "send", "grant", "grant_credits"].map(sim.port)
        let canSend = sim.port("can_send"), sequence = sim.port("seq_number"), record = sim.port("record")
        var (state, seq, credits): (UInt64, UInt64, UInt64) = (0, 0, 0)
        for cycle in 0..<2_000 {
            let open = state == 1
            XCTAssertEqual(sim.get(canSend), open && credits != 0 ? 1 : 0, "cycle \(cycle)")
            XCTAssertEqual(sim.get(sequence), seq, "cycle \(cycle)")
            XCTAssertEqual(sim.get(record), state << 14 | seq << 6 | credits, "state, sequence, credits from the top")
            let o = random.chance(0.02), s = random.chance(0.6), g = random.chance(0.2), n = random.next() & 0x3F
            for (port, value) in zip(ports, [o ? 1 : 0, s ? 1 : 0, g ? 1 : 0, n]) { sim.set(port, value) }
            sim.step()
            if o {
                (state, seq, credits) = (1, 0, 4)
            } else if s && open && credits != 0 {
                (seq, credits) = ((seq + 1) & 0xFF, credits - 1)
            } else if g && open {
                credits = (credits + n) & 0x3F
            }
        }
        try sim.crossCheckWithIcarus()
    }
}
