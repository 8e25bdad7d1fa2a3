/// Copies of one registered value, for a value whose loads are too many for
/// one flop: each copy drives a share of them. Synthesis merges flops with
/// the same input, so each copy is kept (`Reg.kept()`), and the odd ones hold
/// the value complemented besides (for a tool that ignores the attribute,
/// two copies then survive); `copy(i)` gives each as the value.
extension Array where Element == Reg {
    /// `count` copies of a register of `width` bits, reset (with `initial`)
    /// so that every copy reads as `initial` (`copy(_:)`): the odd ones hold
    /// it complemented. Without `initial`, no reset (datapath). Each is
    /// `kept()`, so synthesis does not merge them back into one.
    public static func copies(_ count: Int, width: Int, initial: UInt64? = nil,
                              file: StaticString = #fileID, line: UInt = #line) -> [Reg] {
        let mask = width >= 64 ? UInt64.max : (1 << UInt64(width)) - 1
        return (0..<count).map { i in
            guard let initial else { return Reg(width, file: file, line: line).kept() }
            return Reg(width, init: i % 2 == 0 ? initial : ~initial & mask, file: file, line: line).kept()
        }
    }

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

/// `select(words, at:)` with the index given in several copies (registered
/// copies, `loadCopies`): copy k selects slice k of the words' bits
/// (`sliceBounds`), so no index flop drives the select of every bit. With
/// more copies than bits, the extra ones go unused.
public func select(_ words: [Bits], atCopies indexCopies: [Bits]) -> Bits {
    precondition(!words.isEmpty && !indexCopies.isEmpty, "words and at least one copy of the index")
    let slices = min(indexCopies.count, words[0].width)
    let bounds = sliceBounds(width: words[0].width, parts: slices)
    return cat((0..<slices).reversed().map { k in
        select(words.map { $0.bits(bounds[k + 1] - 1, bounds[k]) }, at: indexCopies[k])
    })
}
