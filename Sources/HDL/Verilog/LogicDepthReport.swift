/// The deepest combinational path `LogicDepthCheck` found in a design.
public struct LogicDepthReport: CustomStringConvertible, Equatable, Sendable {
    /// The top module measured.
    public let top: String
    /// LUT levels: LUTs on the path plus carries / 8, rounded up; 0 when no
    /// logic lies between any start and end point.
    public let depth: Int
    public let lutsOnPath: Int
    public let carriesOnPath: Int
    /// Where the path starts, e.g. `register source_reg[3]` or `input a`.
    public let start: String
    /// Where it ends, e.g. `register result_reg (D)` or `output y[2]`.
    public let end: String
    /// The nets along it, start to end, by their Verilog names (runs of
    /// nets synthesis left unnamed are shown as one entry).
    public let path: [String]

    public init(top: String, depth: Int, lutsOnPath: Int, carriesOnPath: Int,
                start: String, end: String, path: [String]) {
        self.top = top
        self.depth = depth
        self.lutsOnPath = lutsOnPath
        self.carriesOnPath = carriesOnPath
        self.start = start
        self.end = end
        self.path = path
    }

    /// Levels as LUTs plus an eighth of a level per carry, rounded up.
    static func depth(luts: Int, carries: Int) -> Int { (luts * 8 + carries + 7) / 8 }

    public var description: String {
        guard depth > 0 else { return "\(top): LUT depth 0 (no logic between registers or ports)" }
        return """
            \(top): LUT depth \(depth) (\(lutsOnPath) LUTs and \(carriesOnPath) carries on the deepest path)
              from \(start)
              via  \(path.joined(separator: " -> "))
              to   \(end)
            """
    }
}
