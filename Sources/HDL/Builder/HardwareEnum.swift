/// How the states of a `HardwareEnum` are encoded.
public enum EnumEncoding: Sendable {
    /// 0, 1, 2, ... in declaration order, in the fewest bits.
    case sequential
    /// One bit per case.
    case oneHot
    /// Gray code of the case index: neighbouring states differ in one bit.
    case gray
}

/// A Swift enum usable as hardware: states of a state machine, opcodes.
/// `enum State: HardwareEnum { case idle, run, done }`.
public protocol HardwareEnum: CaseIterable, Hashable where AllCases: RandomAccessCollection {
    static var encoding: EnumEncoding { get }
}

extension HardwareEnum {
    public static var encoding: EnumEncoding { .sequential }

    /// Bits needed for the chosen encoding.
    public static var width: Int {
        switch encoding {
        case .oneHot: return allCases.count
        case .sequential, .gray: return max(1, Int.bitWidth - (allCases.count - 1).leadingZeroBitCount)
        }
    }

    /// Position in declaration order.
    public var index: Int { Self.allCases.distance(from: Self.allCases.startIndex, to: Self.allCases.firstIndex(of: self)!) }

    /// The hardware code of this case.
    public var code: BitVector {
        switch Self.encoding {
        case .sequential: return BitVector(UInt64(index), width: Self.width)
        case .gray: return BitVector(UInt64(index ^ (index >> 1)), width: Self.width)
        case .oneHot:
            var value = BitVector(width: Self.width)
            value[bit: index] = true
            return value
        }
    }

    /// The code as a constant expression.
    public var bits: Bits { Bits(code) }

    static var caseNames: [BitVector: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.code, "\($0)") })
    }
}

/// A signal holding a `HardwareEnum` value: compare it and assign it with
/// the enum's cases (`state == .idle`, `state <== .run`).
public protocol EnumTyped: BitsConvertible {
    associatedtype Value: HardwareEnum
}

/// A register holding an enum, reset to `init` when given.
public final class EnumReg<E: HardwareEnum>: Signal, Assignable, EnumTyped {
    public typealias Value = E
    public init(_ type: E.Type = E.self, init value: E? = nil, file: StaticString = #fileID, line: UInt = #line) {
        super.init(SignalNode(kind: .reg, width: E.width, location: SourceLocation(file, line),
                              defaultValue: value?.code))
        node.enumCaseNames = E.caseNames
    }
}

/// A combinational wire holding an enum, `default` when no path assigns it.
public final class EnumWire<E: HardwareEnum>: Signal, Assignable, EnumTyped {
    public typealias Value = E
    public init(_ type: E.Type = E.self, default value: E? = nil, file: StaticString = #fileID, line: UInt = #line) {
        super.init(SignalNode(kind: .wire, width: E.width, location: SourceLocation(file, line),
                              defaultValue: value?.code))
        node.enumCaseNames = E.caseNames
    }
}

public func <== <T: Assignable & EnumTyped>(target: T, value: T.Value) -> Statement {
    target <== value.bits
}

public func == <T: EnumTyped>(l: T, r: T.Value) -> Bits { Expr.binary(.eq, l.bits, r.bits) }
public func != <T: EnumTyped>(l: T, r: T.Value) -> Bits { Expr.binary(.ne, l.bits, r.bits) }

extension EnumTyped {
    /// 1 when the signal holds any of `values`.
    public func isOneOf(_ values: Value...) -> Bits {
        values.map { Expr.binary(.eq, bits, $0.bits) }.dropFirst().reduce(Expr.binary(.eq, bits, values[0].bits)) { $0 || $1 }
    }
}
