import HDL

/// `ttp_link_table`: the links, a `LinkWord` per way, one block RAM per way
/// addressed by set, so a lookup reads both ways of a set at once and
/// nothing but RAM grows with `--links`. Read data comes
/// `BlockRam.readLatency` (2) cycles after the set; a write changes one way.
/// A read of a set written in the same or the previous cycle may return the
/// old word: the pipeline forwards its recent writes itself.
public final class LinkTable: Module {
    public let readSet: Input
    public let readWays: [Output]
    /// One bit a way: the ways written (both when the table is cleared).
    public let writeWays = Input(LinkTableGeometry.ways)
    public let writeSet: Input
    public let writeWord = Input(LinkWord.width)

    let ways: [BlockRam]
    public let geometry: LinkTableGeometry

    public init(_ geometry: LinkTableGeometry, technology: RamTechnology = .inferred) {
        self.geometry = geometry
        readSet = Input(geometry.setBits)
        writeSet = Input(geometry.setBits)
        readWays = (0..<LinkTableGeometry.ways).map { _ in Output(LinkWord.width) }
        ways = (0..<LinkTableGeometry.ways).map { _ in
            BlockRam(width: LinkWord.width, depth: geometry.sets, technology: technology)
        }
    }

    public var moduleName: String { "ttp_link_table" }

    public var body: Logic {
        for (index, way) in ways.enumerated() {
            way.readEnable <== 1
            way.readAddress <== readSet
            readWays[index] <== way.readData
            way.writeEnable <== writeWays[index]
            way.writeAddress <== writeSet
            way.writeData <== writeWord
        }
    }
}
