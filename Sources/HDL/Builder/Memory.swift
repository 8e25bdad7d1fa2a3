/// A synchronous-read memory of `depth` words of `width` bits: the read data
/// appears one cycle after the address (block RAM timing). Emitted as
/// `reg [W-1:0] mem [0:N-1]` with a `ram_style` attribute (`style`: block
/// RAM by default, or LUT RAM), which yosys maps to those cells and
/// Verilator simulates.
///
///     let table = Memory(width: 32, depth: 256)
///     ...
///     let entry = table.read(index)               // in the body: data next cycle
///     When(update) { table.write(index, value) }  // write port, in any branch
public final class Memory {
    public let node: MemoryNode
    /// Statements driving the read ports, added to the owning module's body.
    var readStatements: Logic = []

    public init(width: Int, depth: Int, initial: [UInt64]? = nil, style: MemoryStyle = .block,
                file: StaticString = #fileID, line: UInt = #line) {
        node = MemoryNode(width: width, depth: depth,
                          initialContent: initial?.map { BitVector($0, width: width) },
                          style: style, location: SourceLocation(file, line))
    }

    public init(width: Int, depth: Int, initialWords: [BitVector],
                file: StaticString = #fileID, line: UInt = #line) {
        node = MemoryNode(width: width, depth: depth, initialContent: initialWords.map { $0.resized(to: width) },
                          location: SourceLocation(file, line))
    }

    public var addressWidth: Int { node.addressWidth }

    @discardableResult
    public func named(_ name: String) -> Memory {
        node.name = name
        node.nameIsExplicit = true
        return self
    }

    /// A read port: the word at `address` (taken when `enable` is 1), one cycle later.
    /// The read data holds its value in cycles where `enable` is 0.
    public func read<A: BitsConvertible>(_ address: A, enable: any BitsConvertible = true,
                                         file: StaticString = #fileID, line: UInt = #line) -> Bits {
        let location = SourceLocation(file, line)
        let port = MemoryNode.ReadPort(
            address: SignalNode(kind: .wire, width: addressWidth, location: location),
            enable: SignalNode(kind: .wire, width: 1, location: location),
            data: SignalNode(kind: .memoryReadData, width: node.width, location: location),
            location: location)
        node.readPorts.append(port)
        for (target, value) in [(port.address, address.bits), (port.enable, enable.bits)] {
            var statement = Statement(.assign(target: target, value: Sizing.resolve(value.node, to: target.width)),
                                      at: location)
            statement.location = location
            readStatements.append(statement)
        }
        return Bits(node: Node(.signal(port.data), width: node.width))
    }

    /// Writes `data` at `address` in this cycle (the statement's branch decides when).
    public func write<A: BitsConvertible, D: BitsConvertible>(
        _ address: A, _ data: D, file: StaticString = #fileID, line: UInt = #line
    ) -> Logic {
        let location = SourceLocation(file, line)
        return [(node.writeEnable, Bits(1, width: 1)), (node.writeAddress, address.bits),
                (node.writeData, data.bits)].map { target, value in
            Statement(.assign(target: target, value: Sizing.resolve(value.node, to: target.width)), at: location)
        }
    }
}
