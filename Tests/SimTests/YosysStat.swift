import Foundation
import HDL

/// Cell counts of a design after a yosys synthesis script (`synth_ecp5`,
/// `synth_ice40`, ...), from its `stat`, by cell type.
struct YosysStat: CustomStringConvertible {
    let cells: [String: Int]

    subscript(cell: String) -> Int? { cells[cell] }

    var description: String { cells.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") }

    static func run(_ design: EmittedDesign, script: String) throws -> YosysStat {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("yosys-stat-\(getpid())-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try design.write(to: directory).map(\.path)
        let yosys = try Toolchain.locate("yosys", package: "yosys")
        let commands = "read_verilog \(files.joined(separator: " ")); \(script) -top \(design.top); tee -q -o stat.txt stat"
        let result = try ProcessRunner.run(yosys, ["-q", "-p", commands], in: directory,
                                           log: directory.appendingPathComponent("yosys.log"))
        guard result.succeeded else { throw ToolFlowCheck.Failure(tool: "yosys \(script)", output: result.output) }
        let text = try String(contentsOf: directory.appendingPathComponent("stat.txt"), encoding: .utf8)
        var cells: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            // "DP16KD  5" (yosys 0.23) or "5  DP16KD" (later versions)
            guard fields.count == 2 else { continue }
            if let count = Int(fields[1]) { cells[String(fields[0])] = count }
            else if let count = Int(fields[0]) { cells[String(fields[1])] = count }
        }
        return YosysStat(cells: cells)
    }
}
