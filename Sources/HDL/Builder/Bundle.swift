/// A group of signals declared and named together, like a Chisel `Bundle` or
/// a SystemVerilog interface: a stored property `netRx` of a `Bundle` type
/// names each member `net_rx_<member>` (`net_rx_tdata`, `net_rx_tvalid`, ...),
/// in declaration order. Members may be ports, wires, registers, arrays or
/// other bundles; an optional member that is nil is left out.
///
///     struct Credit: Bundle {
///         let valid = Output(1)
///         let amount = Output(8)
///     }
///     let credit = Credit()        // ports credit_valid, credit_amount
public protocol Bundle {}

/// A port type a bundle can be generic over, so one bundle type serves both
/// ends of a connection: `Bus<Input>` where it is received, `Bus<Output>`
/// where it is driven.
public protocol Port: Signal, Assignable {
    static func make(_ width: Int, file: StaticString, line: UInt) -> Self
}

extension Input: Port {
    public static func make(_ width: Int, file: StaticString, line: UInt) -> Input {
        Input(width, file: file, line: line)
    }
}

extension Output: Port {
    public static func make(_ width: Int, file: StaticString, line: UInt) -> Output {
        Output(width, file: file, line: line)
    }
}

/// Drives every member of `target` from the member of `source` with the same
/// name: bundles of one shape, typically `B<Input>` from `B<Output>` (a
/// child's inputs from another child's outputs) or a module's outputs from a
/// child's. Nested bundles are followed. Widths are checked like any `<==`.
public func drive(_ target: some Bundle, from source: some Bundle,
                  file: StaticString = #fileID, line: UInt = #line) -> Logic {
    let location = SourceLocation(file, line)
    let targets = members(of: target), sources = members(of: source)
    precondition(targets.map(\.name) == sources.map(\.name),
                 "drive(_:from:): the bundles differ: \(targets.map(\.name)) and \(sources.map(\.name))")
    return zip(targets, sources).map { target, source in
        Statement(.assign(target: target.signal.node, value: source.signal.bits.node), at: location)
    }
}

/// The signals of a bundle, nested bundles flattened, with their member paths.
private func members(of bundle: any Bundle) -> [(name: String, signal: Signal)] {
    Mirror(reflecting: bundle).children.flatMap { child -> [(name: String, signal: Signal)] in
        let name = child.label ?? "?"
        if let signal = child.value as? Signal { return [(name, signal)] }
        if let nested = child.value as? any Bundle { return members(of: nested).map { ("\(name).\($0.name)", $0.signal) } }
        return []
    }
}
