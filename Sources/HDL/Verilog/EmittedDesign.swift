import Foundation

/// A port of the top module of an emitted design, as a simulator or a test
/// bench sees it.
public struct PortInfo: Hashable, Sendable {
    public enum Direction: String, Sendable { case input, output }
    public let name: String
    public let width: Int
    public let direction: Direction

    public init(name: String, width: Int, direction: Direction) {
        self.name = name
        self.width = width
        self.direction = direction
    }
}

/// One Verilog source file of an emitted design.
public struct VerilogFile: Hashable, Sendable {
    /// File name, e.g. `up_down_counter.v`.
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// What the emitter produces for a top module: one file per Verilog module in
/// dependency order (leaves first, the top last), and the top's ports.
public struct EmittedDesign: Sendable {
    public let top: String
    public let files: [VerilogFile]
    public let ports: [PortInfo]

    public init(top: String, files: [VerilogFile], ports: [PortInfo]) {
        self.top = top
        self.files = files
        self.ports = ports
    }

    /// The file list (`top.f`): one file name per line, dependency order.
    public var fileList: String {
        files.map { $0.name + "\n" }.joined()
    }

    /// Writes every file and `<top>.f` into `directory` (created if missing).
    /// Returns the URLs of the Verilog files in dependency order.
    @discardableResult
    public func write(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var urls: [URL] = []
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
            urls.append(url)
        }
        // Paths as the caller named the folder (relative stays relative), so the
        // list works from the directory the generator was run in.
        let list = files.map { directory.appendingPathComponent($0.name).relativePath + "\n" }.joined()
        try list.write(to: directory.appendingPathComponent("\(top).f"), atomically: true, encoding: .utf8)
        return urls
    }
}
