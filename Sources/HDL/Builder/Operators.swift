// The operator surface. Strict widths: `a + b` needs equal widths and wraps;
// growth and extension are written out (`+&`, `.zext(to:)`, `.truncated(to:)`).
// An integer literal takes the width of the other operand.

infix operator <== : AssignmentPrecedence
/// Addition with one bit of growth: 8 bits +& 8 bits is 9 bits.
infix operator +& : AdditionPrecedence
/// Subtraction with one bit of growth (the top bit is the borrow).
infix operator -& : AdditionPrecedence
/// Arithmetic (sign-filling) shift right.
infix operator >>> : BitwiseShiftPrecedence

public func + <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.add, l.bits, r.bits) }
public func - <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.sub, l.bits, r.bits) }
public func +& <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.addGrow, l.bits, r.bits) }
public func -& <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.subGrow, l.bits, r.bits) }
/// Full product: the width is the sum of the operand widths.
public func * <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.multiply(l.bits, r.bits) }

public func & <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.and, l.bits, r.bits) }
public func | <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.or, l.bits, r.bits) }
public func ^ <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.xor, l.bits, r.bits) }
public prefix func ~ <T: BitsConvertible>(v: T) -> Bits { Expr.unary(.not, v.bits) }

/// Logical operators take 1-bit operands.
public func && <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.logicalAnd, l.bits, r.bits) }
public func || <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.logicalOr, l.bits, r.bits) }
public prefix func ! <T: BitsConvertible>(v: T) -> Bits { Expr.unary(.logicalNot, v.bits) }

// Unsigned comparisons; `.signedLess(than:)` and friends compare as two's complement.
public func == <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.eq, l.bits, r.bits) }
public func != <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.ne, l.bits, r.bits) }
public func < <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.lt, l.bits, r.bits) }
public func <= <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.le, l.bits, r.bits) }
public func > <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.gt, l.bits, r.bits) }
public func >= <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.binary(.ge, l.bits, r.bits) }

/// Shifts keep the width of the shifted value; the amount is a constant or a signal.
public func << <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.shift(.shl, l.bits, r.bits) }
public func >> <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.shift(.shr, l.bits, r.bits) }
public func >>> <L: BitsConvertible, R: BitsConvertible>(l: L, r: R) -> Bits { Expr.shift(.sshr, l.bits, r.bits) }

extension Bits {
    /// Names the expression: the Verilog gets a wire of this name for it
    /// (made unique in its module), instead of inlining it.
    public func named(_ name: String) -> Bits {
        let copy = Node(node.kind, width: node.width, problem: node.problem)
        copy.label = name
        return Bits(node: copy)
    }
}

extension BitsConvertible {
    public var width: Int { bits.node.width }

    /// Bit `i`, 1 bit wide.
    public subscript(_ i: Int) -> Bits { Expr.slice(bits, hi: i, lo: i) }
    /// Bits `hi` down to `lo`, Verilog's `x[hi:lo]`.
    public func bits(_ hi: Int, _ lo: Int) -> Bits { Expr.slice(bits, hi: hi, lo: lo) }
    /// Bits in the range, low bit first: `x[0..<8]` is `x[7:0]`.
    public subscript(_ range: Range<Int>) -> Bits { Expr.slice(bits, hi: range.upperBound - 1, lo: range.lowerBound) }
    public subscript(_ range: ClosedRange<Int>) -> Bits { Expr.slice(bits, hi: range.upperBound, lo: range.lowerBound) }
    /// The most significant bit.
    public var msb: Bits { self[width - 1] }

    /// Zero-extends to `width` bits (an error if that is narrower).
    public func zext(to width: Int) -> Bits { Expr.extend(.zeroExtend, bits, to: width) }
    /// Sign-extends to `width` bits (an error if that is narrower).
    public func sext(to width: Int) -> Bits { Expr.extend(.signExtend, bits, to: width) }
    /// Keeps the low `width` bits (an error if that is wider).
    public func truncated(to width: Int) -> Bits {
        if width > self.width {
            return Bits(node: Node(.slice(bits.node, hi: width - 1, lo: 0), width: width,
                                   problem: .badResize(op: "truncated", to: width)))
        }
        return Expr.slice(bits, hi: width - 1, lo: 0)
    }
    /// Zero-extends or truncates to `width` bits, whichever is needed.
    public func resized(to width: Int) -> Bits {
        width >= self.width ? zext(to: width) : truncated(to: width)
    }

    /// `self + up - down` (each 1 bit): `self + 1` and `self - 1` are made
    /// from `self` alone and `up`, `down` pick among them and `self` last,
    /// so a count moved by handshakes decided late in a cycle (a FIFO's push
    /// and pop) takes them through one gate, not through a carry chain.
    /// The price is a second carry chain.
    public func stepped(up: any BitsConvertible, down: any BitsConvertible) -> Bits {
        let (up, down) = (up.bits, down.bits)
        return mux(up ^ down, mux(up, bits + 1, bits - 1), bits)
    }

    /// Consecutive fields of the given widths, the first from the MSBs: a
    /// record packed by hand with `cat` taken apart in the same order. The
    /// widths must add up to the value's.
    public func split(fromTop widths: [Int]) -> [Bits] {
        precondition(widths.reduce(0, +) == width, "split(fromTop:): \(widths) do not add up to \(width) bits")
        var top = width
        return widths.map { count in
            defer { top -= count }
            return bits.bits(top - 1, top - count)
        }
    }

    public func andReduce() -> Bits { Expr.unary(.andReduce, bits) }
    public func orReduce() -> Bits { Expr.unary(.orReduce, bits) }
    public func xorReduce() -> Bits { Expr.unary(.xorReduce, bits) }
    /// The value repeated `count` times, Verilog's `{count{x}}`.
    public func replicated(_ count: Int) -> Bits { Expr.replicate(bits, count) }

    public func signedLess<R: BitsConvertible>(than r: R) -> Bits { Expr.binary(.slt, bits, r.bits) }
    public func signedLessOrEqual<R: BitsConvertible>(to r: R) -> Bits { Expr.binary(.sle, bits, r.bits) }
    public func signedGreater<R: BitsConvertible>(than r: R) -> Bits { Expr.binary(.sgt, bits, r.bits) }
    public func signedGreaterOrEqual<R: BitsConvertible>(to r: R) -> Bits { Expr.binary(.sge, bits, r.bits) }
}

/// Concatenation, most significant part first (Verilog's `{a, b, c}`).
public func cat(_ parts: any BitsConvertible...) -> Bits { Expr.concat(parts.map(\.bits)) }
public func cat(_ parts: [any BitsConvertible]) -> Bits { Expr.concat(parts.map(\.bits)) }

/// `select ? whenTrue : whenFalse`; `select` is 1 bit, the arms have equal widths.
public func mux<S: BitsConvertible, A: BitsConvertible, B: BitsConvertible>(
    _ select: S, _ whenTrue: A, _ whenFalse: B
) -> Bits {
    Expr.mux(select.bits, whenTrue.bits, whenFalse.bits)
}

/// `values[index]`: a balanced tree of 2:1 muxes over equal-width values
/// (index 0 is `values[0]`), one level per index bit, so 2^k values cost k
/// mux levels. Indices past the end give the last value.
public func select<I: BitsConvertible>(_ values: [any BitsConvertible], at index: I) -> Bits {
    precondition(!values.isEmpty, "select needs at least one value")
    let index = index.bits
    let levels = Int.bitWidth - (values.count - 1).leadingZeroBitCount
    if levels == 0 { return values[0].bits }
    let used = min(levels, index.width)
    var layer = Array(values.map(\.bits).prefix(1 << used))
    layer += Array(repeating: layer[layer.count - 1], count: (1 << used) - layer.count)
    for level in 0..<used {
        layer = stride(from: 0, to: layer.count, by: 2).map { mux(index[level], layer[$0 + 1], layer[$0]) }
    }
    // A wider index past the values' range gives the last one.
    guard index.width > used else { return layer[0] }
    let beyond = index.bits(index.width - 1, used).orReduce()
    return mux(beyond, values[values.count - 1].bits, layer[0])
}
