/// A simple dual-port block RAM of `depth` words of `width` bits: one write
/// port, one read port, and read data two cycles after its address, leaving
/// a register (the RAM's own output register where the technology has one),
/// so a read costs the reading logic no more than a flop.
///
/// `read_data` is the word of the last read issued with `read_enable`, two
/// cycles after it; it holds while no read is issued. A read of the address
/// written in the same cycle returns an unspecified word (the two ports are
/// not ordered): readers here only read words written in earlier cycles.
///
/// `technology` picks the cells (`RamTechnology`); every choice behaves the
/// same, and the tests simulate `.inferred`. With `.ecp5`, a RAM of at most
/// `lutRamDepth` words is LUT RAM (TRELLIS_DPR16X4) rather than DP16KD
/// cells: a small FIFO then sits beside its logic instead of pulling it
/// to the block-RAM rows, and takes no block RAM.
///
/// `registeredWrite` puts a register on the write port: the word is written
/// one cycle after it is presented (and readable a cycle later than
/// otherwise), and the RAM's inputs, which on an FPGA sit at the end of long
/// routes to the RAM columns, come straight from flops (with tile rows,
/// each row's write enable is decoded before its register). These
/// registers are kept: two RAMs written alike (banks of one wide memory)
/// keep one each, beside their cells.
public final class BlockRam: Module {
    public let writeEnable = Input(1)
    public let writeAddress: Input
    public let writeData: Input
    public let readEnable = Input(1)
    public let readAddress: Input
    public let readData: Output

    /// Cycles from `read_address` to `read_data`.
    public static let readLatency = 2

    /// The deepest RAM that `.ecp5` builds as LUT RAM: one DPR16X4 cell deep.
    public static let lutRamDepth = 16

    // .inferred: the array, then the output register.
    let storage: Memory?
    let outputRegister: Reg?
    // .ecp5: rows x columns of tiles, and which row was read (delayed with the data).
    let tiles: [[Ecp5RamTile]]
    let rowRead: [Reg]
    /// `.ecp5` with tile rows and `registeredWrite`: the write decoded to
    /// its row before the register, so each row's write enable is a flop.
    let rowWrites: [Reg]
    // registeredWrite: the write port one cycle on.
    let pendingWrite: Reg?
    let pendingAddress: Reg?
    let pendingData: Reg?

    public let width: Int
    public let depth: Int
    public let technology: RamTechnology
    let shape: Ecp5RamTile.Shape

    public let registeredWrite: Bool

    public init(width: Int, depth: Int, technology: RamTechnology = .inferred, registeredWrite: Bool = false) {
        precondition(width >= 1 && depth >= 2, "a RAM of at least 2 words of 1 bit")
        self.width = width
        self.depth = depth
        self.technology = technology
        self.registeredWrite = registeredWrite
        let addressWidth = Int.bitWidth - (depth - 1).leadingZeroBitCount
        writeAddress = Input(addressWidth)
        writeData = Input(width)
        readAddress = Input(addressWidth)
        readData = Output(width)
        let shape = Ecp5RamTile.Shape.cheapest(width: width, depth: depth)
        self.shape = shape
        // Kept: RAMs written alike (banks of one memory) each keep their own
        // write register, beside their cells, instead of sharing one. Tile
        // rows register their own enables (`rowWrites`) instead.
        let tileRows = technology == .ecp5 && depth > Self.lutRamDepth && shape.rows > 1
        pendingWrite = registeredWrite && !tileRows ? Reg(1, init: 0).kept() : nil
        pendingAddress = registeredWrite ? Reg(addressWidth).kept() : nil
        pendingData = registeredWrite ? Reg(width) : nil
        switch technology {
        case .ecp5 where depth <= Self.lutRamDepth:
            storage = Memory(width: width, depth: depth, style: .distributed).named("words")
            outputRegister = Reg(width)
            tiles = []
            rowRead = []
            rowWrites = []
        case .inferred:
            storage = Memory(width: width, depth: depth).named("words")
            outputRegister = Reg(width)
            tiles = []
            rowRead = []
            rowWrites = []
        case .ecp5:
            storage = nil
            outputRegister = nil
            tiles = (0..<shape.rows).map { _ in (0..<shape.columns).map { _ in Ecp5RamTile(shape) } }
            let rowBits = max(1, addressWidth - shape.addressWidth)
            rowRead = shape.rows > 1 ? (0..<2).map { _ in Reg(rowBits) } : []
            rowWrites = registeredWrite && shape.rows > 1 ? (0..<shape.rows).map { _ in Reg(1, init: 0).kept() } : []
        }
    }

    public var moduleName: String {
        let cells = storage.map { $0.node.style == .distributed ? "_lutram" : "" } ?? "_\(technology)"
        return "block_ram_\(width)x\(depth)" + cells + (registeredWrite ? "_rw" : "")
    }

    var addressWidth: Int { writeAddress.width }

    /// DP16KD cells of the `.ecp5` build (0 for `.inferred`).
    public var tileCount: Int { tiles.reduce(0) { $0 + $1.count } }

    public var body: Logic {
        if let pendingAddress, let pendingData {
            if let pendingWrite { pendingWrite <== writeEnable }
            pendingAddress <== writeAddress
            pendingData <== writeData
        }
        if let storage, let outputRegister {
            When(write.enable) { storage.write(write.address, write.data) }
            outputRegister <== storage.read(readAddress, enable: readEnable)
            readData <== outputRegister
        } else {
            tileLogic
        }
    }

    /// Each row of tiles holds `shape.depth` consecutive words; a write goes
    /// to the row its high address bits name, every row is read, and the
    /// row read two cycles ago picks the data.
    @LogicBuilder private var tileLogic: Logic {
        let rowAddressBits = shape.addressWidth
        let writeRow = addressWidth > rowAddressBits ? write.address.bits(addressWidth - 1, rowAddressBits) : nil
        for (row, columns) in tiles.enumerated() {
            for (column, tile) in columns.enumerated() {
                tile.writeEnable <== rowWrites.isEmpty ? write.enable && (writeRow.map { $0 == row } ?? lit(1, 1)) : rowWrites[row].bits
                tile.writeAddress <== write.address.resized(to: rowAddressBits)
                tile.writeData <== dataSlice(write.data, column)
                tile.readEnable <== readEnable
                tile.readAddress <== readAddress.bits.resized(to: rowAddressBits)
            }
        }
        if !rowWrites.isEmpty {
            let rowOfPort = writeAddress.bits(addressWidth - 1, rowAddressBits)
            for (row, rowWrite) in rowWrites.enumerated() { rowWrite <== writeEnable && rowOfPort == row }
        }
        let rowWords = tiles.map { columns in cat(columns.reversed().map(\.readData)).resized(to: width) }
        if rowRead.isEmpty {
            readData <== rowWords[0]
        } else {
            When(readEnable) { rowRead[0] <== readAddress.bits(addressWidth - 1, rowAddressBits) }
            rowRead[1] <== rowRead[0]
            readData <== select(rowWords, at: rowRead[1])
        }
    }

    /// The write the RAM makes this cycle: the port's, or the one registered a cycle ago.
    private var write: (enable: Bits, address: Bits, data: Bits) {
        if let pendingAddress, let pendingData {
            return (pendingWrite?.bits ?? cat(rowWrites).orReduce(), pendingAddress.bits, pendingData.bits)
        }
        return (writeEnable.bits, writeAddress.bits, writeData.bits)
    }

    /// Bits `column * w ..< (column + 1) * w` of `word`, zero past its top.
    private func dataSlice(_ word: Bits, _ column: Int) -> Bits {
        let low = column * shape.width
        let high = min(width, low + shape.width) - 1
        return word.bits(high, low).zext(to: shape.width)
    }
}
