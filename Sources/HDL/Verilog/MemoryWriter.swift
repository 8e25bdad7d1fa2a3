/// The clocked block of a memory: write port first, then the registered read
/// ports, in the shape yosys infers as block RAM; and its initial content.
enum MemoryWriter {
    static func lines(_ memory: MemoryNode) -> [String] {
        let name = memory.name ?? "mem"
        var out = ["", "// Memory \(name): \(memory.depth) x \(memory.width) bits, read data one cycle after the address.",
                   "always @(posedge clk) begin",
                   "    if (\(memory.writeEnable.name ?? "")) begin",
                   "        \(name)[\(memory.writeAddress.name ?? "")] <= \(memory.writeData.name ?? "");",
                   "    end"]
        for port in memory.readPorts {
            out.append("    if (\(port.enable.name ?? "")) begin")
            out.append("        \(port.data.name ?? "") <= \(name)[\(port.address.name ?? "")];")
            out.append("    end")
        }
        out.append("end")
        return out + initialContent(memory, name)
    }

    /// Zero, then the given words: simulators agree (no X in Icarus), and FPGA
    /// tools load it into the RAM; ASIC flows ignore `initial`.
    private static func initialContent(_ memory: MemoryNode, _ name: String) -> [String] {
        let words = memory.initialContent ?? []
        var out = ["", "integer \(name)_i;", "initial begin",
                   "    for (\(name)_i = 0; \(name)_i < \(memory.depth); \(name)_i = \(name)_i + 1) begin",
                   "        \(name)[\(name)_i] = \(BitVector(width: memory.width).verilogLiteral);",
                   "    end"]
        for (i, word) in words.prefix(memory.depth).enumerated() where !word.isZero {
            out.append("    \(name)[\(i)] = \(word.verilogLiteral);")
        }
        out.append("end")
        return out
    }
}
