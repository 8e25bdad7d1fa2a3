/// One arm of a `Switch`: `Is(1, 2) { ... }` or `Default { ... }`.
public struct SwitchArm {
    let values: [Node]?
    let body: Logic
    let location: SourceLocation
}

@resultBuilder
public enum SwitchBuilder {
    public static func buildExpression(_ arm: SwitchArm) -> [SwitchArm] { [arm] }
    public static func buildBlock(_ parts: [SwitchArm]...) -> [SwitchArm] { parts.flatMap { $0 } }
    public static func buildArray(_ parts: [[SwitchArm]]) -> [SwitchArm] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [SwitchArm]?) -> [SwitchArm] { part ?? [] }
    public static func buildEither(first part: [SwitchArm]) -> [SwitchArm] { part }
    public static func buildEither(second part: [SwitchArm]) -> [SwitchArm] { part }
}

/// An arm taken when the subject equals one of `values`.
public func Is(_ values: any BitsConvertible..., file: StaticString = #fileID, line: UInt = #line,
               @LogicBuilder _ body: () -> Logic) -> SwitchArm {
    SwitchArm(values: values.map(\.bits.node), body: body(), location: SourceLocation(file, line))
}

/// The arm taken when no `Is` matches.
public func Default(file: StaticString = #fileID, line: UInt = #line,
                    @LogicBuilder _ body: () -> Logic) -> SwitchArm {
    SwitchArm(values: nil, body: body(), location: SourceLocation(file, line))
}

/// `Switch(sel) { Is(0) { ... }; Is(1, 2) { ... }; Default { ... } }`: Verilog's
/// `case`. Values are sized to the subject.
public struct Switch: StatementConvertible {
    let subject: Node
    let cases: [Statement.SwitchCase]
    let otherwise: Logic?

    public init<S: BitsConvertible>(_ subject: S, @SwitchBuilder _ arms: () -> [SwitchArm]) {
        let node = subject.bits.node
        let all = arms()
        self.subject = node
        self.cases = all.compactMap { arm in
            arm.values.map { values in
                Statement.SwitchCase(values: values.map { Sizing.resolve($0, to: node.width) },
                                     body: arm.body, location: arm.location, label: nil)
            }
        }
        self.otherwise = all.last(where: { $0.values == nil })?.body
    }

    /// An enum switch: `body` is called once per case of the enum at elaboration,
    /// so a Swift `switch` inside it must handle every state (the compiler checks).
    public init<S: EnumTyped>(_ subject: S, file: StaticString = #fileID, line: UInt = #line,
                              @LogicBuilder _ body: (S.Value) -> Logic) {
        self.subject = subject.bits.node
        self.cases = S.Value.allCases.map { value in
            Statement.SwitchCase(values: [Bits(value.code).node], body: body(value),
                                 location: SourceLocation(file, line), label: "\(value)")
        }
        self.otherwise = nil
    }

    public func statement(at location: SourceLocation) -> Statement {
        Statement(.switchOn(subject: subject, cases: cases, otherwise: otherwise), at: location)
    }
}
