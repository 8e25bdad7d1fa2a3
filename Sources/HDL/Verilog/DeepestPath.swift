/// The longest combinational path of an `Ice40Netlist`, in eighths of a LUT
/// level: a LUT adds 8, a carry 1. Each bit's arrival is the largest arrival
/// over the inputs of the LUT or carry that drives it; every other bit (a
/// flip-flop or RAM output, a top input, an undriven net) starts at 0. The
/// walk is iterative (a long carry chain would overflow a recursive one), and
/// a combinational loop, which synthesis should never leave, is cut where
/// the walk meets it again.
struct DeepestPath {
    private let netlist: Ice40Netlist
    /// The LUT or carry driving each bit.
    private var driver: [Int: Int] = [:]
    /// Arrival in eighths of a level, and the input it came through.
    private var arrival: [Int: Int] = [:]
    private var through: [Int: Int] = [:]
    /// Every place a path ends: inputs of flip-flops, RAMs and unknown
    /// cells, and the top's outputs, each with how a report names it.
    private var endpoints: [(bit: Int, name: String)] = []

    init(_ netlist: Ice40Netlist) {
        self.netlist = netlist
        for (index, cell) in netlist.cells.enumerated() where cell.role != .boundary {
            for pin in cell.outputs { for bit in pin.bits where driver[bit] == nil { driver[bit] = index } }
        }
        endpoints = findEndpoints()
        for endpoint in endpoints { settle(endpoint.bit) }
    }

    private func findEndpoints() -> [(bit: Int, name: String)] {
        var points: [(bit: Int, name: String)] = []
        for cell in netlist.cells where cell.role == .boundary {
            for pin in cell.inputs {
                for bit in pin.bits { points.append((bit, "\(boundaryName(cell)) (\(pin.port))")) }
            }
        }
        for pin in netlist.outputPorts {
            for bit in pin.bits { points.append((bit, "output \(pin.label(of: bit))")) }
        }
        return points
    }

    private mutating func settle(_ root: Int) {
        var stack = [root]
        var opened: Set<Int> = []
        while let bit = stack.last {
            if arrival[bit] != nil { stack.removeLast(); continue }
            guard let cell = driver[bit] else { arrival[bit] = 0; stack.removeLast(); continue }
            let inputs = netlist.cells[cell].inputs.flatMap(\.bits)
            if opened.insert(bit).inserted {
                // Inputs still open are on a loop: they count as 0 below.
                stack += inputs.filter { arrival[$0] == nil && !opened.contains($0) }
                continue
            }
            let best = inputs.max { (arrival[$0] ?? 0) < (arrival[$1] ?? 0) }
            arrival[bit] = (best.flatMap { arrival[$0] } ?? 0) + (netlist.cells[cell].role == .lut ? 8 : 1)
            through[bit] = best
            stack.removeLast()
        }
    }

    /// Every end point deeper than `levels`, by register or port (bits of
    /// one register together, at their deepest), deepest first.
    func endsDeeper(than levels: Int) -> [(end: String, depth: Int)] {
        var deepest: [String: Int] = [:]
        for point in endpoints {
            let eighths = arrival[point.bit] ?? 0
            guard eighths > levels * 8 else { continue }
            let name = point.name.replacingOccurrences(of: #"\[\d+\]"#, with: "", options: .regularExpression)
            deepest[name] = max(deepest[name] ?? 0, (eighths + 7) / 8)
        }
        return deepest.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
    }

    func report(top: String) -> LogicDepthReport {
        // The first endpoint of the greatest arrival (max keeps the first), so a run is repeatable.
        guard let deepest = endpoints.max(by: { (arrival[$0.bit] ?? 0) < (arrival[$1.bit] ?? 0) }),
              (arrival[deepest.bit] ?? 0) > 0 else {
            return LogicDepthReport(top: top, depth: 0, lutsOnPath: 0, carriesOnPath: 0, start: "", end: "", path: [])
        }
        // Back from the end to a bit that starts at 0: a start point, or
        // where a loop was cut (a bit met twice; it starts the path).
        var bits = [deepest.bit]
        var seen: Set<Int> = [deepest.bit]
        while let previous = through[bits.last!] {
            bits.append(previous)
            if !seen.insert(previous).inserted { break }
        }
        bits.reverse()
        let roles = bits.dropFirst().compactMap { driver[$0].map { netlist.cells[$0].role } }
        let luts = roles.filter { $0 == .lut }.count
        return LogicDepthReport(
            top: top, depth: LogicDepthReport.depth(luts: luts, carries: roles.count - luts),
            lutsOnPath: luts, carriesOnPath: roles.count - luts,
            start: startName(bits[0]), end: deepest.name, path: readablePath(bits))
    }

    /// What drives a path's first bit: a register, a RAM, a top input.
    private func startName(_ bit: Int) -> String {
        if let port = netlist.inputPorts.first(where: { $0.bits.contains(bit) }) {
            return "input \(port.label(of: bit))"
        }
        if let cell = netlist.cells.first(where: { $0.role == .boundary && $0.outputs.contains { $0.bits.contains(bit) } }) {
            let pin = cell.outputs.first { $0.bits.contains(bit) }!.port
            return cell.type.hasPrefix("SB_DFF") ? "register \(name(of: bit) ?? cell.name)" : "\(boundaryName(cell)) (\(pin))"
        }
        let net = name(of: bit) ?? "net \(bit)"
        return driver[bit] == nil ? "undriven \(net)" : "combinational loop at \(net)"
    }

    /// A flip-flop by the register its Q holds, a RAM or other cell by type and name.
    private func boundaryName(_ cell: Ice40Netlist.Cell) -> String {
        if cell.type.hasPrefix("SB_DFF"), let q = cell.outputs.first(where: { $0.port == "Q" })?.bits.first {
            return "register \(name(of: q) ?? cell.name)"
        }
        let kind = cell.type.hasPrefix("SB_RAM") ? "block RAM" : "cell"
        return cell.name.hasPrefix("$") ? "\(kind) \(cell.type)" : "\(kind) \(cell.type) \(cell.name)"
    }

    /// The path's nets by name; a run of nets without a written name is one entry.
    private func readablePath(_ bits: [Int]) -> [String] {
        var out: [String] = []
        var unnamed = 0
        func flush() {
            if unnamed > 0 { out.append(unnamed == 1 ? "(1 unnamed net)" : "(\(unnamed) unnamed nets)") }
            unnamed = 0
        }
        for bit in bits {
            if let name = name(of: bit), NetNames.isWritten(name) { flush(); out.append(name) } else { unnamed += 1 }
        }
        flush()
        return out
    }

    private func name(of bit: Int) -> String? { netlist.bitNames[bit] }
}
