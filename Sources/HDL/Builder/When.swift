/// Something the body builder turns into one statement at the line it is written.
public protocol StatementConvertible {
    func statement(at location: SourceLocation) -> Statement
}

extension LogicBuilder {
    public static func buildExpression<S: StatementConvertible>(
        _ s: S, file: StaticString = #fileID, line: UInt = #line
    ) -> Logic {
        [s.statement(at: SourceLocation(file, line))]
    }
}

/// `When(cond) { ... }.elseWhen(other) { ... }.otherwise { ... }`, for
/// combinational and registered logic alike. Conditions are 1 bit.
public struct When: StatementConvertible {
    private var branches: [Statement.Branch]
    private var elseBody: Logic?

    public init<C: BitsConvertible>(_ condition: C, file: StaticString = #fileID, line: UInt = #line,
                                    @LogicBuilder _ body: () -> Logic) {
        branches = [Statement.Branch(condition: condition.bits.node, body: body(),
                                     location: SourceLocation(file, line))]
    }

    public func elseWhen<C: BitsConvertible>(_ condition: C, file: StaticString = #fileID, line: UInt = #line,
                                             @LogicBuilder _ body: () -> Logic) -> When {
        var next = self
        next.branches.append(Statement.Branch(condition: condition.bits.node, body: body(),
                                              location: SourceLocation(file, line)))
        return next
    }

    public func otherwise(@LogicBuilder _ body: () -> Logic) -> When {
        var next = self
        next.elseBody = body()
        return next
    }

    public func statement(at location: SourceLocation) -> Statement {
        Statement(.when(branches: branches, otherwise: elseBody), at: location)
    }
}
