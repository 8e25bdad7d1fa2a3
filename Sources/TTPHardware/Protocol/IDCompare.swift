import HDL

/// The ID comparisons the state table's flags need, as 32-bit serial
/// numbers (WIRE-FORMAT: `(int32)(a - b) > 0` means a is younger), made in
/// two steps a stage apart so that neither step is deep: `parts` gives, in
/// flops, the sign of one subtraction and each 32-bit equality as its two
/// 16-bit halves; `flags` joins them into {replay, inOrder, closeMatch,
/// closeMatchLoose}. The caller gives each event ID less one, computed a
/// stage earlier, so every "equals one more" is an equality.
enum IDCompare {
    /// Bits of `parts`: the sign, then four equalities of two halves each.
    static let partWidth = 9

    /// PAYLOAD with TxID `t` against the last in-order RxID `r` (replay: t is
    /// not younger than r; in order: t == r + 1), and CLOSE with RxID `c`
    /// against our last TxID (equal, or equal to one more).
    static func parts(t: Bits, tLess1: Bits, r: Bits, c: Bits, cLess1: Bits, lastTx: Bits) -> Bits {
        cat((t - r).msb, halves(t, r), halves(tLess1, r), halves(c, lastTx), halves(cLess1, lastTx))
    }

    /// {replay, inOrder, closeMatch, closeMatchLoose} from `parts`.
    static func flags(_ p: Bits) -> Bits {
        let equal = { (i: Int) in p[2 * i + 1] & p[2 * i] }  // i = 3: t == r ... 0: c - 1 == lastTx
        let match = equal(1)
        return cat(p[8] | equal(3), equal(2), match, match | equal(0))
    }

    /// {closeMatch, closeMatchLoose} of CLOSE RxID `c` against a constant (our open ID), in one step.
    static func close(c: Bits, cLess1: Bits, lastTx: Bits) -> Bits {
        let match = c == lastTx
        return cat(match, match | (cLess1 == lastTx))
    }

    private static func halves(_ a: Bits, _ b: Bits) -> Bits {
        cat(a.bits(31, 16) == b.bits(31, 16), a.bits(15, 0) == b.bits(15, 0))
    }
}
