/// A synchronous-read memory: `depth` words of `width` bits, read data one
/// cycle after the address. Its ports are ordinary signals the body drives, so
/// checks and the emitter treat them like any other signal.
public final class MemoryNode {
    public let width: Int
    public let depth: Int
    public let location: SourceLocation
    public internal(set) var name: String?
    var nameIsExplicit = false
    /// Initial content, word 0 first (fewer words than `depth` leaves the rest zero).
    public let initialContent: [BitVector]?
    /// The cells a synthesis tool should use (the `ram_style` attribute).
    public let style: MemoryStyle
    weak var owner: ModuleInstance?

    /// Write port, driven by `write(...)` statements: enable defaults to 0.
    let writeEnable: SignalNode
    let writeAddress: SignalNode
    let writeData: SignalNode
    /// Read ports, in the order the body asked for them.
    var readPorts: [ReadPort] = []

    struct ReadPort {
        let address: SignalNode
        let enable: SignalNode
        let data: SignalNode
        let location: SourceLocation
    }

    var addressWidth: Int { max(1, Int.bitWidth - (depth - 1).leadingZeroBitCount) }

    init(width: Int, depth: Int, initialContent: [BitVector]?, style: MemoryStyle = .block, location: SourceLocation) {
        self.width = width
        self.depth = depth
        self.location = location
        self.initialContent = initialContent
        self.style = style
        let aw = max(1, Int.bitWidth - (depth - 1).leadingZeroBitCount)
        writeEnable = SignalNode(kind: .wire, width: 1, location: location, defaultValue: BitVector(width: 1))
        writeAddress = SignalNode(kind: .wire, width: aw, location: location, defaultValue: BitVector(width: aw))
        writeData = SignalNode(kind: .wire, width: width, location: location, defaultValue: BitVector(width: width))
    }

    /// Every signal of the memory's ports.
    var portSignals: [SignalNode] {
        [writeEnable, writeAddress, writeData] + readPorts.flatMap { [$0.address, $0.enable, $0.data] }
    }
}

/// Which cells a memory should become: the Verilog array is the same, the
/// `ram_style` attribute tells synthesis.
public enum MemoryStyle: String, Sendable {
    /// Block RAM (ECP5 DP16KD, iCE40 SB_RAM40_4K): deep memories.
    case block
    /// LUT RAM (ECP5 TRELLIS_DPR16X4, 16 words x 4 bits a cell): shallow
    /// memories, which then sit beside their logic instead of in the RAM
    /// columns. A device without LUT RAM (iCE40) builds it from flops.
    case distributed
}
