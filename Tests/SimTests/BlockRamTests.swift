import XCTest
import HDL

/// `BlockRam` in both technologies against a Swift model: random writes and
/// reads, read data exactly two cycles after its address and held while no
/// read is issued; the ECP5 build (DP16KD tiles, `Ecp5CellModel`) with tile
/// rows and a read mux, and the inferred one replayed in Icarus.
final class BlockRamTests: XCTestCase {
    func testInferredRamReadsTwoCyclesLater() throws {
        let ram = BlockRam(width: 13, depth: 48)
        let sim = try Simulator(ram)
        sim.startRecording()
        try exercise(sim, width: 13, depth: 48)
        // Until the first read lands (cycle 2), the output register is X in Icarus.
        try sim.crossCheckWithIcarus(CrossCheckOptions(firstComparedSample: 2))
    }

    /// 40 x 20,000 takes five rows of 4 x 4,096 tiles (ten columns): writes
    /// decoded by row, reads picked by the row read two cycles earlier.
    func testEcp5RamWithTileRowsReadsTwoCyclesLater() throws {
        let ram = BlockRam(width: 40, depth: 20_000, technology: .ecp5)
        XCTAssertEqual(ram.tileCount, 50)
        let sim = try Simulator(design: Ecp5CellModel.adding(to: try VerilogEmitter.emit(ram)))
        try exercise(sim, width: 40, depth: 20_000)
    }

    /// The same with the write port registered: each tile row's write
    /// enable is decoded before its own register.
    func testEcp5RamWithTileRowsAndRegisteredWrite() throws {
        let ram = BlockRam(width: 40, depth: 20_000, technology: .ecp5, registeredWrite: true)
        XCTAssertEqual(ram.tileCount, 50)
        let sim = try Simulator(design: Ecp5CellModel.adding(to: try VerilogEmitter.emit(ram)))
        try exercise(sim, width: 40, depth: 20_000, writeLatency: 1)
    }

    func testEcp5RamOfOneTileColumnSetReadsTwoCyclesLater() throws {
        let ram = BlockRam(width: 73, depth: 128, technology: .ecp5)
        XCTAssertEqual(ram.tileCount, 5, "x18 tiles: 73 bits in five")
        let sim = try Simulator(design: Ecp5CellModel.adding(to: try VerilogEmitter.emit(ram)))
        try exercise(sim, width: 73, depth: 128)
    }

    /// Fewest cells for the size; on a tie the shape without a read mux.
    func testEcp5ShapesTakeTheFewestCells() {
        XCTAssertEqual(BlockRam(width: 73, depth: 128, technology: .ecp5).tileCount, 5)
        XCTAssertEqual(BlockRam(width: 577, depth: 32, technology: .ecp5).tileCount, 33)
        XCTAssertEqual(BlockRam(width: 18, depth: 2048, technology: .ecp5).tileCount, 2)
        XCTAssertEqual(BlockRam(width: 64, depth: 32_768, technology: .ecp5).tileCount, 128)
    }

    /// yosys maps the ECP5 build to exactly its DP16KD cells and no other memory.
    func testEcp5RamSynthesizesToItsCells() throws {
        let ram = BlockRam(width: 73, depth: 512, technology: .ecp5)
        let stat = try YosysStat.run(try VerilogEmitter.emit(ram), script: "synth_ecp5")
        XCTAssertEqual(stat["DP16KD"], ram.tileCount, stat.description)
        XCTAssertNil(stat["$mem_v2"], stat.description)
    }

    /// A RAM of at most `lutRamDepth` words is LUT RAM in the ECP5 build:
    /// TRELLIS_DPR16X4 cells (4 bits each), no DP16KD, the same behaviour.
    func testShallowEcp5RamIsLutRam() throws {
        let ram = BlockRam(width: 73, depth: 16, technology: .ecp5, registeredWrite: true)
        XCTAssertEqual(ram.tileCount, 0)
        let design = try VerilogEmitter.emit(ram)
        XCTAssertTrue((design.files.first { $0.name == "\(ram.moduleName).v" }?.text ?? "").contains("(* ram_style = \"distributed\" *)"))
        let stat = try YosysStat.run(design, script: "synth_ecp5")
        XCTAssertNil(stat["DP16KD"], stat.description)
        XCTAssertEqual(stat["TRELLIS_DPR16X4"], 19, "73 bits in 4-bit cells: \(stat.description)")
        let sim = try Simulator(ram)
        try exercise(sim, width: 73, depth: 16, writeLatency: 1)
    }

    /// Random writes and reads (half the cycles each); a read's word is
    /// checked two cycles later, and between reads the data must hold.
    /// `writeLatency` 1: the write port is registered (`registeredWrite`).
    private func exercise(_ sim: Simulator, width: Int, depth: Int, writeLatency: Int = 0) throws {
        var random = SeededRandom.fromEnvironment(name)
        var words = [BitVector](repeating: BitVector(width: width), count: depth)
        var expected: [BitVector?] = [nil, nil]  // the words due one and two cycles from now
        var shown: BitVector?
        // Writes presented but not yet in the RAM (a registered write port holds one a cycle).
        var presented = [(address: Int, data: BitVector)?](repeating: nil, count: writeLatency)
        let (writeEnable, writeAddress, writeData) = (sim.port("write_enable"), sim.port("write_address"), sim.port("write_data"))
        let (readEnable, readAddress, readData) = (sim.port("read_enable"), sim.port("read_address"), sim.port("read_data"))
        // No register of the RAM has a reset; nothing is read before it is written.
        for cycle in 0..<4_000 {
            if let due = expected.removeFirst() { shown = due }
            if let shown { XCTAssertEqual(sim.getBits(readData), shown, "read data, cycle \(cycle), seed \(random.seed)") }
            // Often the same few addresses, so reads meet recent writes.
            let hot = Int.random(in: 0..<min(depth, 8), using: &random)
            let writeTo = random.chance(0.5) ? hot : Int.random(in: 0..<depth, using: &random)
            let readFrom = random.chance(0.5) ? hot : Int.random(in: 0..<depth, using: &random)
            // The first cycle reads, so the output is defined from cycle 2 on.
            let write = random.chance(0.5) && cycle > 0
            let data = BitVector(bytesLittleEndian: random.bytes((width + 7) / 8), width: width)
            presented.append(write ? (writeTo, data) : nil)
            let landing = presented.removeFirst()
            let read = cycle == 0 || (random.chance(0.5) && landing?.address != readFrom)
            sim.set(writeEnable, write ? 1 : 0)
            sim.set(writeAddress, UInt64(writeTo))
            sim.set(writeData, data)
            sim.set(readEnable, read ? 1 : 0)
            sim.set(readAddress, UInt64(readFrom))
            expected.append(read ? words[readFrom] : nil)
            if let landing { words[landing.address] = landing.data }
            sim.step()
        }
    }
}
