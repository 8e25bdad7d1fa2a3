/// The statements of a module body, or of a `When` / `Switch` branch.
public typealias Logic = [Statement]

/// Gathers the statements of a body. Each statement is stamped with the file
/// and line where the user wrote it: `buildExpression` takes `#fileID` and
/// `#line` as defaults, which Swift fills in at the statement's position, so
/// even statements built by operators (`x <== a + b`) know their line.
@resultBuilder
public enum LogicBuilder {
    public static func buildExpression(_ statement: Statement, file: StaticString = #fileID,
                                       line: UInt = #line) -> Logic {
        var statement = statement
        statement.location = SourceLocation(file, line)
        return [statement]
    }

    public static func buildExpression(_ when: When, file: StaticString = #fileID,
                                       line: UInt = #line) -> Logic {
        [when.statement(at: SourceLocation(file, line))]
    }

    /// A group of statements (from a helper function returning `Logic`) keeps
    /// the locations it already has.
    public static func buildExpression(_ statements: Logic) -> Logic { statements }

    public static func buildBlock(_ parts: Logic...) -> Logic { parts.flatMap { $0 } }
    public static func buildOptional(_ part: Logic?) -> Logic { part ?? [] }
    public static func buildEither(first part: Logic) -> Logic { part }
    public static func buildEither(second part: Logic) -> Logic { part }
    public static func buildArray(_ parts: [Logic]) -> Logic { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: Logic) -> Logic { part }
}
