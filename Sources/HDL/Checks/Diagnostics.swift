/// One elaboration error: where the user wrote the mistake, what is wrong, and
/// other places involved (the other driver, the rest of a loop).
public struct Diagnostic: CustomStringConvertible, Sendable {
    public let location: SourceLocation
    public let message: String
    public let notes: [Note]

    public struct Note: Sendable {
        public let location: SourceLocation
        public let message: String
    }

    public var description: String {
        ([("\(location): error: \(message)")] + notes.map { "  \($0.location): note: \($0.message)" })
            .joined(separator: "\n")
    }
}

/// Thrown by elaboration with every error found; its description lists them,
/// one per line, each with the Swift file and line.
public struct ElaborationError: Error, CustomStringConvertible, Sendable {
    public let diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics during elaboration.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []

    func error(_ message: String, at location: SourceLocation, notes: [(SourceLocation, String)] = []) {
        diagnostics.append(Diagnostic(location: location, message: message,
                                      notes: notes.map { Diagnostic.Note(location: $0.0, message: $0.1) }))
    }

    func throwIfAny() throws {
        if !diagnostics.isEmpty { throw ElaborationError(diagnostics: diagnostics) }
    }
}
