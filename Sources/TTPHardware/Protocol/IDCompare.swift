import HDL

/// The ID comparisons the state table's flags need, as 32-bit serial
/// numbers (WIRE-FORMAT: `(int32)(a - b) > 0` means a is younger), made in
/// two steps a stage apart so that neither step is deep: `parts` gives, in
/// flops, the sign of one subtraction and each 32-bit equality as four
/// 8-bit parts (two gate levels each); `flags` joins them into {replay, inOrder, closeMatch,
/// closeMatchLoose}. The caller gives each event ID less one, computed a
/// stage earlier, so every "equals one more" is an equality.
enum IDCompare {
    /// Bits of one equality in `parts`: 8-bit pieces of a 32-bit ID.
    static let pieces = 4
    /// Bits of `parts`: the sign, then four equalities of `pieces` bits each.
    static let partWidth = 1 + 4 * pieces

    /// PAYLOAD with TxID `t` against the last in-order RxID `r` (replay: t is
    /// not younger than r; in order: t == r + 1), and CLOSE with RxID `c`
    /// against our last TxID (equal, or equal to one more).
    static func parts(t: Bits, tLess1: Bits, r: Bits, c: Bits, cLess1: Bits, lastTx: Bits) -> Bits {
        cat((t - r).msb, equalities(t, r), equalities(tLess1, r), equalities(c, lastTx), equalities(cLess1, lastTx))
    }

    /// {replay, inOrder, closeMatch, closeMatchLoose} from `parts`.
    static func flags(_ p: Bits) -> Bits {
        // i = 3: t == r, 2: t - 1 == r, 1: c == lastTx, 0: c - 1 == lastTx.
        let equal = { (i: Int) in p.bits(pieces * i + pieces - 1, pieces * i).andReduce() }
        let match = equal(1)
        return cat(p[4 * pieces] | equal(3), equal(2), match, match | equal(0))
    }

    /// {closeMatch, closeMatchLoose} of CLOSE RxID `c` against a constant (our open ID), in one step.
    static func close(c: Bits, cLess1: Bits, lastTx: Bits) -> Bits {
        let match = c == lastTx
        return cat(match, match | (cLess1 == lastTx))
    }

    private static func equalities(_ a: Bits, _ b: Bits) -> Bits {
        cat(stride(from: 32 - 32 / pieces, through: 0, by: -(32 / pieces)).map { low in
            a.bits(low + 32 / pieces - 1, low) == b.bits(low + 32 / pieces - 1, low)
        })
    }
}
