/// A named signal of a module: a port, a wire or a register. Its Verilog name
/// comes from the stored property that holds it (found by reflection), from
/// `.named(_:)`, or, for a local in a body, from the line that made it.
public class Signal: BitsConvertible {
    public let node: SignalNode

    init(_ node: SignalNode) { self.node = node }

    public var bits: Bits { Bits(node: Node(.signal(node), width: node.width)) }

    /// Sets the Verilog name (kept verbatim; a Verilog reserved word is an error).
    @discardableResult
    public func named(_ name: String) -> Self {
        node.name = name
        node.nameIsExplicit = true
        return self
    }

    /// Sets a comment printed after the signal's Verilog declaration, for a
    /// reader of the Verilog who needs to know where a signal comes from
    /// (e.g. the spec row a decision term implements). One line.
    @discardableResult
    public func commented(_ text: String) -> Self {
        precondition(!text.contains("\n"), "a signal comment is one line")
        node.comment = text
        return self
    }
}

/// Something a statement can drive: outputs, wires, registers.
public protocol Assignable: BitsConvertible {
    var node: SignalNode { get }
}

/// An input port. Assignable so that a parent can connect a child's input
/// (`child.a <== x`); a module driving its own input is an error.
public final class Input: Signal, Assignable {
    public init(_ width: Int, file: StaticString = #fileID, line: UInt = #line) {
        super.init(SignalNode(kind: .input, width: width, location: SourceLocation(file, line)))
    }
}

/// An output port. Driven by the body; with a `default`, paths that do not
/// assign it give the default.
public final class Output: Signal, Assignable {
    public init(_ width: Int, default value: UInt64? = nil, file: StaticString = #fileID, line: UInt = #line) {
        super.init(SignalNode(kind: .output, width: width, location: SourceLocation(file, line),
                              defaultValue: value.map { BitVector($0, width: width) }))
    }
}

/// A combinational wire. Without a `default` it must be assigned on every path
/// (otherwise it would be a latch); with one, unassigned paths give the default.
public final class Wire: Signal, Assignable {
    public init(_ width: Int, default value: UInt64? = nil, file: StaticString = #fileID, line: UInt = #line) {
        super.init(SignalNode(kind: .wire, width: width, location: SourceLocation(file, line),
                              defaultValue: value.map { BitVector($0, width: width) }))
    }
}

/// A register on the module clock. With `init`, synchronous reset (active-high
/// `rst`) loads that value; without, the register is not reset (datapath).
/// With `enable`, it loads its next value only in cycles where `enable` is 1.
/// Paths of the body that do not assign it keep its value.
public final class Reg: Signal, Assignable {
    public init(_ width: Int, init value: UInt64? = nil, enable: (any BitsConvertible)? = nil,
                file: StaticString = #fileID, line: UInt = #line) {
        let node = SignalNode(kind: .reg, width: width, location: SourceLocation(file, line),
                              defaultValue: value.map { BitVector($0, width: width) })
        node.enable = enable?.bits.node
        super.init(node)
    }

    /// A register with a wide reset value.
    public init(_ width: Int, initValue: BitVector, file: StaticString = #fileID, line: UInt = #line) {
        super.init(SignalNode(kind: .reg, width: width, location: SourceLocation(file, line),
                              defaultValue: initValue.resized(to: width)))
    }

    /// Marks the register to be kept by synthesis even where another one
    /// loads the same value: synthesis tools merge such flops, which undoes
    /// a copy made to share out the loads of one (`[Reg].copies`). Emitted
    /// in an `always` block of its own with the attributes yosys (`keep`)
    /// and Synplify / Lattice Diamond (`syn_preserve`) honour.
    @discardableResult
    public func kept() -> Reg {
        node.keep = true
        return self
    }
}

/// `target <== value`: drive a signal. Widths must match; an integer literal
/// takes the target's width.
public func <== <T: Assignable, V: BitsConvertible>(target: T, value: V) -> Statement {
    Statement(.assign(target: target.node, value: Sizing.resolve(value.bits.node, to: target.node.width)),
              at: SourceLocation(file: "<unknown>", line: 0))
}
