/// Anything that can be read as a hardware value: signals, expressions, and
/// integer literals (whose width comes from where they are used).
public protocol BitsConvertible {
    var bits: Bits { get }
}

/// A hardware expression: a node of the design graph with its width.
/// Operators on `Bits` build new nodes; nothing is evaluated in Swift.
public struct Bits: BitsConvertible, ExpressibleByIntegerLiteral {
    public let node: Node

    public init(node: Node) { self.node = node }

    /// An integer literal sized by its use: `count + 1`, `state <== 0`.
    public init(integerLiteral value: Int) {
        node = Node(.literal(value), width: 0)
    }

    /// A sized constant. A value that does not fit in `width` bits is reported
    /// as a width error wherever the constant is used.
    public init(_ value: UInt64, width: Int) {
        let fits = width >= 64 || value >> UInt64(width) == 0
        node = Node(.const(BitVector(value, width: width)), width: width,
                    problem: fits ? nil : .doesNotFit(value: "\(value)", width: width))
    }

    public init(_ value: BitVector) {
        node = Node(.const(value), width: value.width)
    }

    public var bits: Bits { self }
    public var width: Int { node.width }
}

extension Int: BitsConvertible {
    /// An integer used as hardware is a literal sized by its use.
    public var bits: Bits { Bits(integerLiteral: self) }
}

extension Bool: BitsConvertible {
    /// `true` / `false` as a 1-bit constant.
    public var bits: Bits { Bits(self ? 1 : 0, width: 1) }
}

/// A sized constant: `lit(0x9AC6, 16)`.
public func lit(_ value: UInt64, _ width: Int) -> Bits { Bits(value, width: width) }
