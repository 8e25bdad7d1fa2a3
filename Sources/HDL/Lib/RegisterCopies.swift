/// Copies of one registered value, for a value whose loads are too many for
/// one flop: each copy drives a share of them. The odd copies hold the value
/// complemented, so synthesis, which merges flops with the same input, keeps
/// them apart; `copy(i)` gives each as the value.
extension Array where Element == Reg {
    /// Loads every copy with `value` (the odd ones complemented).
    @LogicBuilder public func loadCopies(_ value: some BitsConvertible) -> Logic {
        for (i, copy) in enumerated() { copy <== (i % 2 == 0 ? value.bits : ~value.bits) }
    }

    /// Copy `i`, as the value.
    public func copy(_ i: Int) -> Bits { i % 2 == 0 ? self[i].bits : ~self[i].bits }

    /// Every copy, as the value.
    public var copies: [Bits] { indices.map(copy) }
}

/// The bounds of `parts` slices of `width` bits as even as can be, low
/// first: slice k is bits `bounds[k + 1] - 1` down to `bounds[k]` (for a
/// wide choice made by several copies of its select, one slice each).
public func sliceBounds(width: Int, parts: Int) -> [Int] {
    precondition(parts >= 1 && parts <= width, "one to `width` slices")
    return (0...parts).map { $0 * width / parts }
}
