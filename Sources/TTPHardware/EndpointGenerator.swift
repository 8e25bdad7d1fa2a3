import Foundation
import HDL

/// Turns generator parameters into Verilog files: what `ttp-gen` writes.
public enum EndpointGenerator {
    /// The top modules of a build, each emitted with everything below it.
    /// Today the frame path: the RX parser and the TX builder. The protocol
    /// pipeline that joins them into `ttp_endpoint` comes with later issues.
    public static func modules(for parameters: EndpointParameters) -> [any Module] {
        [RxParser(parameters), TxBuilder(parameters)]
    }

    /// Emits every module of the build into `directory`, one file per Verilog
    /// module, plus `<top>.f` listing them in dependency order. Returns the
    /// files written.
    @discardableResult
    public static func write(_ parameters: EndpointParameters, to directory: URL) throws -> [URL] {
        var files: [VerilogFile] = []
        for module in modules(for: parameters) {
            for file in try VerilogEmitter.emit(module).files where !files.contains(file) {
                files.append(file)
            }
        }
        let design = EmittedDesign(top: parameters.topName, files: files, ports: [])
        return try design.write(to: directory)
    }
}
