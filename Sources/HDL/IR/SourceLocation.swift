/// Where the user wrote something: the Swift file (as `#fileID`, `Module/File.swift`)
/// and line. Every statement, signal and memory carries one, so every error can
/// point at the user's code.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    init(_ file: StaticString, _ line: UInt) {
        self.file = "\(file)"
        self.line = Int(line)
    }

    /// The file name without its module folder, e.g. `Counter.swift`.
    public var fileName: String { String(file.split(separator: "/").last ?? Substring(file)) }

    public var description: String { "\(file):\(line)" }
}
