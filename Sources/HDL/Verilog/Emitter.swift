/// Emits a design as Verilog-2005: one file per Verilog module, leaves first.
/// Instances whose Verilog is identical share one module; modules of one
/// Swift type that differ (other parameters) get `_2`, `_3` suffixes unless
/// they override `moduleName`. Same design in, byte-identical files out.
public enum VerilogEmitter {
    /// Elaborates, checks and emits `top`.
    public static func emit(_ top: any Module) throws -> EmittedDesign {
        emit(try Design(top))
    }

    public static func emit(_ design: Design) -> EmittedDesign {
        var names: [ObjectIdentifier: String] = [:]
        var textByName: [String: String] = [:]
        var files: [VerilogFile] = []
        for instance in design.instances {
            let base = instance.module.moduleName
            if let box = instance.module as? any BlackBox {
                names[ObjectIdentifier(instance)] = base
                if let source = box.verilogSource, textByName[base] == nil {
                    textByName[base] = source
                    files.append(VerilogFile(name: "\(base).v", text: source))
                }
                continue
            }
            let writer = ModuleWriter(instance: instance, childModuleNames: names)
            var name = base, n = 2
            var text = writer.write(moduleName: name)
            while let existing = textByName[name], existing != text {
                name = "\(base)_\(n)"
                n += 1
                text = writer.write(moduleName: name)
            }
            names[ObjectIdentifier(instance)] = name
            instance.verilogName = name
            if textByName[name] == nil {
                textByName[name] = text
                files.append(VerilogFile(name: "\(name).v", text: text))
            }
        }
        let ports = design.top.ports.map {
            PortInfo(name: $0.name ?? "", width: $0.width, direction: $0.kind == .input ? .input : .output)
        }
        return EmittedDesign(top: design.top.verilogName, files: files, ports: ports)
    }
}
