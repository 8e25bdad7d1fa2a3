import Foundation
import HDL

/// Turns generator parameters into Verilog files: what `ttp-gen` writes.
public enum EndpointGenerator {
    /// The top modules of a build, each emitted with everything below it:
    /// the endpoint (`TTPEndpoint`, named `parameters.topName`).
    public static func modules(for parameters: EndpointParameters) -> [any Module] {
        [TTPEndpoint(parameters)]
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
