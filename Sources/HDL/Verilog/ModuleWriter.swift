/// Writes one elaborated module as a Verilog-2005 module, in the style of
/// hand-written RTL: ports; declarations; one `assign` or `always @*` per
/// driven signal (registers as `x_reg` with a combinational `x_next`);
/// instances; memories; one clocked block with the reset last.
struct ModuleWriter {
    let instance: ModuleInstance
    /// Verilog module names of the children, by instance name.
    let childModuleNames: [ObjectIdentifier: String]

    private enum Form { case assign, always }

    func write(moduleName: String) -> String {
        let targets = instance.drivableSignals
        let projections = targets.map { instance.drivingStatements(of: $0) }
        let printer = ExpressionPrinter(takenNames: takenNames, nameOf: verilogName)
        var roots = projections.flatMap { $0.flatMap(expressions) }
        roots += instance.signals.compactMap(\.enable)
        printer.countUses(roots)
        let forms = zip(targets, projections).map { form(of: $0.0, $0.1) }

        var logic: [String] = []
        for (i, target) in targets.enumerated() {
            logic += driver(of: target, projections[i], forms[i], printer)
        }
        let clocked = registers(printer)
        var out = header(moduleName, forms: Dictionary(zip(targets.map(ObjectIdentifier.init), forms)) { a, _ in a })
        out += declarations(targets, forms) + temporaries(printer)
        out += unusedBits(roots, printer)
        out += logic + instances() + memories() + clocked
        out.append("")
        out.append("endmodule")
        out.append("")
        out.append("`resetall")
        return foldBlankLines(out).joined(separator: "\n") + "\n"
    }

    // MARK: names

    private func verilogName(_ signal: SignalNode) -> String {
        let name = signal.name ?? "unnamed"
        if let owner = signal.owner, owner !== instance {
            if signal === owner.clock { return "clk" }
            if signal === owner.reset { return "rst" }
            return "\(owner.instanceName ?? "u")_\(name)"
        }
        return signal.kind == .reg ? "\(name)_reg" : name
    }

    private func drivenName(_ signal: SignalNode) -> String {
        signal.kind == .reg && signal.owner === instance ? "\(signal.name ?? "")_next" : verilogName(signal)
    }

    private var takenNames: Set<String> {
        var names = Set(instance.ports.map(verilogName) + instance.signals.flatMap(LocalNames.verilogNames)
                        + instance.memories.map { $0.name ?? "" } + instance.children.map { $0.instanceName ?? "" })
        names.formUnion(instance.childInputs.map(verilogName))
        names.formUnion(instance.children.flatMap { $0.ports.map(verilogName) })
        return names
    }

    // MARK: sections

    private func header(_ name: String, forms: [ObjectIdentifier: Form]) -> [String] {
        let ports = instance.ports.map { port -> String in
            let dir = port.kind == .input ? "input  wire" : (forms[ObjectIdentifier(port)] == .always ? "output reg " : "output wire")
            return "    \(dir) \(range(port.width))\(verilogName(port))"
        }
        return [
            "// \(name): generated from \(instance.typeName) by swift-hdl. Do not edit; change the Swift and regenerate.",
            "`resetall",
            "`timescale 1ns / 1ps",
            "`default_nettype none",
            "",
            ports.isEmpty ? "module \(name);" : "module \(name) (",
        ] + (ports.isEmpty ? [] : [ports.joined(separator: ",\n"), ");"]) + [""]
    }

    private func declarations(_ targets: [SignalNode], _ forms: [Form]) -> [String] {
        var out: [String] = []
        let formOf = Dictionary(zip(targets.map(ObjectIdentifier.init), forms)) { a, _ in a }
        for signal in instance.signals {
            let kind = formOf[ObjectIdentifier(signal)] == .always ? "reg " : "wire"
            switch signal.kind {
            case .reg:
                out.append("reg  \(range(signal.width))\(verilogName(signal));\(enumComment(signal))")
                out.append("\(kind) \(range(signal.width))\(drivenName(signal));")
            case .memoryReadData:
                out.append("reg  \(range(signal.width))\(verilogName(signal));")
            default:
                out.append("\(kind) \(range(signal.width))\(verilogName(signal));\(enumComment(signal))")
            }
        }
        for child in instance.children {
            for port in child.ports where port !== child.clock && port !== child.reset {
                let kind = port.kind == .input && formOf[ObjectIdentifier(port)] == .always ? "reg " : "wire"
                out.append("\(kind) \(range(port.width))\(verilogName(port));")
            }
        }
        for memory in instance.memories {
            out.append("(* ram_style = \"\(memory.style.rawValue)\" *)")
            out.append("reg  \(range(memory.width))\(memory.name ?? "mem") [0:\(memory.depth - 1)];")
        }
        return out.isEmpty ? [] : out + [""]
    }

    private func enumComment(_ signal: SignalNode) -> String {
        if let comment = signal.comment { return "  // " + comment }
        guard let names = signal.enumCaseNames else { return "" }
        let listed = names.sorted { $0.key.low64 < $1.key.low64 }.map { "\($0.value)=\($0.key.low64)" }
        return "  // " + listed.joined(separator: ", ")
    }

    private func temporaries(_ printer: ExpressionPrinter) -> [String] {
        // Temporaries are created while the logic is printed, so they are listed
        // after it is: `wire` declarations with their `assign`.
        printer.temporaries.isEmpty ? [] : ["// Named and shared subexpressions"]
            + printer.temporaries.map { "wire \(range($0.width))\($0.name) = \($0.text);" } + [""]
    }

    private func unusedBits(_ roots: [Node], _ printer: ExpressionPrinter) -> [String] {
        var usage = BitUsage()
        usage.mark(roots)
        for signal in instance.childInputs { usage.markAll(signal) }
        for memory in instance.memories { memory.portSignals.filter { $0.kind != .memoryReadData }.forEach { usage.markAll($0) } }
        if let clock = instance.clock { usage.markAll(clock) }
        if let reset = instance.reset { usage.markAll(reset) }
        let candidates = instance.ports.filter { $0.kind == .input } + instance.signals
            + instance.children.flatMap { c in c.ports.filter { $0.kind == .output } }
        // A temporary that is only sliced (`{a, b + 1, c}[7:0]`) has unused bits too.
        let unused = candidates.flatMap { usage.unusedSelects(of: $0, named: verilogName($0)) }
            + printer.temporaries.flatMap { usage.unusedSelects(of: $0.node, width: $0.width, named: $0.name) }
        guard !unused.isEmpty else { return [] }
        return ["// Bits nothing reads, gathered so lint tools see they are unused on purpose.",
                "wire unused_bits = &{1'b0, \(unused.joined(separator: ", ")), 1'b0};", ""]
    }

    // MARK: logic

    private func form(of target: SignalNode, _ projection: [Statement]) -> Form {
        if projection.count == 1, case .assign = projection[0].kind { return .assign }
        if projection.isEmpty { return .assign }
        return .always
    }

    private func driver(of target: SignalNode, _ projection: [Statement], _ form: Form,
                        _ printer: ExpressionPrinter) -> [String] {
        let name = drivenName(target)
        let consumer = target.owner === instance ? (target.name ?? name) : name
        if form == .assign {
            if case .assign(_, let value)? = projection.first?.kind {
                let at = projection[0].location
                return ["assign \(name) = \(printer.print(value, for: consumer));  // \(at.fileName):\(at.line)"]
            }
            return ["assign \(name) = \(defaultValue(of: target));"]
        }
        var lines = ["", "always @* begin", "    \(name) = \(defaultValue(of: target));"]
        StatementPrinter(expressions: printer, target: name, consumer: consumer)
            .print(projection, indent: 1, into: &lines)
        return lines + ["end", ""]
    }

    private func defaultValue(of target: SignalNode) -> String {
        if target.kind == .reg && target.owner === instance { return verilogName(target) }
        return (target.defaultValue ?? BitVector(width: target.width)).verilogLiteral
    }

    private func expressions(_ statement: Statement) -> [Node] {
        var out: [Node] = []
        statement.forEach { out += $0.ownExpressions }
        return out
    }

    // MARK: instances, memories, registers

    private func instances() -> [String] {
        var out: [String] = []
        for child in instance.children {
            let name = childModuleNames[ObjectIdentifier(child)] ?? child.module.moduleName
            let params = (child.module as? any BlackBox)?.verilogParameters ?? []
            let paramText = params.isEmpty ? "" : " #(" + params.map { ".\($0.name)(\($0.value))" }.joined(separator: ", ") + ")"
            let connections = child.ports.map { "    .\($0.name ?? "")(\(verilogName($0)))" }
            out.append("")
            out.append("\(name)\(paramText) \(child.instanceName ?? "u") (")
            out.append(connections.joined(separator: ",\n"))
            out.append(");")
        }
        return out
    }

    private func memories() -> [String] {
        instance.memories.flatMap(MemoryWriter.lines)
    }

    private func registers(_ printer: ExpressionPrinter) -> [String] {
        let regs = instance.signals.filter { $0.kind == .reg }
        guard !regs.isEmpty else { return [] }
        let shared = regs.filter { !$0.keep }
        var out = shared.isEmpty ? [] : registerBlock(shared, printer)
        // A kept copy gets a block of its own: yosys takes the attribute
        // from the block onto the flops it makes of it.
        for reg in regs where reg.keep {
            out += registerBlock([reg], printer, attributes: "(* keep = 1, syn_preserve = 1 *) ")
        }
        return out
    }

    private func registerBlock(_ regs: [SignalNode], _ printer: ExpressionPrinter, attributes: String = "") -> [String] {
        var out = ["", "\(attributes)always @(posedge clk) begin"]
        for reg in regs {
            let load = "\(verilogName(reg)) <= \(drivenName(reg));"
            if let enable = reg.enable {
                out.append("    if (\(printer.print(enable, for: reg.name ?? ""))) \(load)")
            } else {
                out.append("    \(load)")
            }
        }
        let resets = regs.filter { $0.defaultValue != nil }
        if !resets.isEmpty {
            out.append("")
            out.append("    if (rst) begin")
            for reg in resets { out.append("        \(verilogName(reg)) <= \(reg.defaultValue!.verilogLiteral);") }
            out.append("    end")
        }
        out.append("end")
        return out
    }

    private func foldBlankLines(_ lines: [String]) -> [String] {
        var out: [String] = []
        for line in lines.flatMap({ $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }) {
            if line.isEmpty && (out.last?.isEmpty ?? true) { continue }
            out.append(line)
        }
        return out
    }

    private func range(_ width: Int) -> String { width == 1 ? "" : "[\(width - 1):0] " }
}
