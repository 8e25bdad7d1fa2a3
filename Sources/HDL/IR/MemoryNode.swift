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

    init(width: Int, depth: Int, initialContent: [BitVector]?, location: SourceLocation) {
        self.width = width
        self.depth = depth
        self.location = location
        self.initialContent = initialContent
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
