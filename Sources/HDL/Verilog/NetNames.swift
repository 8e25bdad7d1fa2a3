/// Readable names for the bits of a yosys netlist, from its `netnames`: for
/// each bit the name a person wrote, `count_reg[3]`, over names synthesis
/// made up. Ranked: a name from the Verilog (public, no `$`, no mapped-cell
/// part such as `_SB_LUT4_O`), then a top port's name (a register driving an
/// output is named as the register), then a made-up public name, then a
/// hidden one; among equals the shorter, then the first in order.
struct NetNames {
    /// Every named bit's best name.
    let best: [Int: String]

    init(_ netnames: [String: Any], ports: Set<String>) {
        var best: [Int: (rank: Int, name: String)] = [:]
        for (name, value) in netnames.sorted(by: { $0.key < $1.key }) {
            let net = value as? [String: Any] ?? [:]
            let bits = Ice40Netlist.bits(net["bits"])
            let hidden = (Ice40Netlist.int(net["hide_name"]) ?? 0) != 0
            let rank = ports.contains(name) ? 1 : Self.isWritten(name) && !hidden ? 0 : hidden ? 3 : 2
            for (position, bit) in bits.enumerated() {
                let candidate = (rank: rank, name: Self.bitName(name, net, width: bits.count, position: position))
                if let current = best[bit], (current.rank, current.name.count) <= (rank, candidate.name.count) { continue }
                best[bit] = candidate
            }
        }
        self.best = best.mapValues(\.name)
    }

    /// Whether a name is one a person wrote: not hidden (`$abc$123$n45`)
    /// and not made up from a mapped cell's (`x_SB_LUT4_O`).
    static func isWritten(_ name: String) -> Bool { !name.contains("$") && !name.contains("_SB_") }

    /// `name[i]` for a bit of a vector, `name` for a one-bit net; the index
    /// as declared (`offset`, and `upto` for `[0:7]` ranges).
    private static func bitName(_ name: String, _ net: [String: Any], width: Int, position: Int) -> String {
        guard width > 1 else { return name }
        let offset = Ice40Netlist.int(net["offset"]) ?? 0
        let upto = (Ice40Netlist.int(net["upto"]) ?? 0) != 0
        return "\(name)[\(upto ? offset + width - 1 - position : offset + position)]"
    }
}
