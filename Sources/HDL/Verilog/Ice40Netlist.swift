import Foundation

/// One module of a yosys JSON netlist of iCE40 cells, reduced to what the
/// depth check needs: each cell's role and the net bits on its inputs and
/// outputs, the top's ports, and a readable name for each bit.
///
/// Bits are yosys's net numbers; constants ("0", "1", "x", "z") are left
/// out, since a constant starts no path. A port yosys gives no direction,
/// or gives as `inout`, counts as both an input and an output of its cell.
struct Ice40Netlist {
    enum Role {
        /// One level of logic (`SB_LUT4`).
        case lut
        /// An eighth of a level (`SB_CARRY`).
        case carry
        /// Paths start at its outputs and end at its inputs: flip-flops,
        /// block RAMs, and every cell the check does not know.
        case boundary
    }

    struct Pin {
        let port: String
        let bits: [Int]
        /// For a top port, each bit's name (`a[3]`), parallel to `bits`.
        var labels: [String] = []

        func label(of bit: Int) -> String {
            bits.firstIndex(of: bit).flatMap { labels.indices.contains($0) ? labels[$0] : nil } ?? port
        }
    }

    struct Cell {
        let name: String
        let type: String
        let role: Role
        let inputs: [Pin]
        let outputs: [Pin]
    }

    let cells: [Cell]
    let inputPorts: [Pin]
    let outputPorts: [Pin]
    /// The best name of each named bit: `count_reg[3]`.
    let bitNames: [Int: String]

    init(json: Data, top: String) throws {
        let root = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        guard let modules = root?["modules"] as? [String: Any], let module = modules[top] as? [String: Any] else {
            throw LogicDepthCheck.Failure(message: "the netlist has no module `\(top)`")
        }
        var inputs: [Pin] = [], outputs: [Pin] = []
        for (name, value) in Self.sorted(module["ports"]) {
            let port = value as? [String: Any] ?? [:]
            let pin = Self.portPin(name, port["bits"])
            let direction = port["direction"] as? String
            if direction != "output" { inputs.append(pin) }
            if direction != "input" { outputs.append(pin) }
        }
        inputPorts = inputs
        outputPorts = outputs
        cells = Self.sorted(module["cells"]).map { name, value in Self.cell(name, value as? [String: Any] ?? [:]) }
        bitNames = NetNames(module["netnames"] as? [String: Any] ?? [:], ports: Set((inputs + outputs).map(\.port))).best
    }

    private static func cell(_ name: String, _ json: [String: Any]) -> Cell {
        let type = json["type"] as? String ?? "?"
        let directions = json["port_directions"] as? [String: String] ?? [:]
        var inputs: [Pin] = [], outputs: [Pin] = []
        for (port, value) in sorted(json["connections"]) {
            let pin = Pin(port: port, bits: bits(value))
            if directions[port] != "output" { inputs.append(pin) }
            if directions[port] != "input" { outputs.append(pin) }
        }
        let role: Role = type == "SB_LUT4" ? .lut : type == "SB_CARRY" ? .carry : .boundary
        return Cell(name: name, type: type, role: role, inputs: inputs, outputs: outputs)
    }

    /// A top port's pin, each bit named by its place in the port (a constant
    /// bit is dropped but keeps its place in the numbering).
    private static func portPin(_ name: String, _ value: Any?) -> Pin {
        let all = (value as? [Any]) ?? []
        var bits: [Int] = [], labels: [String] = []
        for (position, entry) in all.enumerated() {
            guard let bit = int(entry) else { continue }
            bits.append(bit)
            labels.append(all.count == 1 ? name : "\(name)[\(position)]")
        }
        return Pin(port: name, bits: bits, labels: labels)
    }

    /// A JSON object's entries by key, so every run walks them in one order.
    private static func sorted(_ object: Any?) -> [(String, Any)] {
        ((object as? [String: Any]) ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The net bits of a `bits` list, constants dropped.
    static func bits(_ value: Any?) -> [Int] {
        ((value as? [Any]) ?? []).compactMap(int)
    }

    /// A JSON number as an Int (JSONSerialization gives NSNumbers); nil for anything else.
    static func int(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }
}
