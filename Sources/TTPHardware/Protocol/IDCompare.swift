import HDL

/// The ID comparisons the state table's flags need, as 32-bit serial
/// numbers (WIRE-FORMAT: `(int32)(a - b) > 0` means a is younger). The
/// caller gives each event ID less one, computed a stage earlier, so every
/// "equals one more" is an equality (a tree of gates beside the carry
/// chain) and only the sign of one subtraction waits on a carry.
enum IDCompare {
    /// PAYLOAD with TxID `t` against the last in-order RxID `r`: `replay`
    /// (t is not younger than r) and `inOrder` (t == r + 1).
    static func payload(t: Bits, tLess1: Bits, r: Bits) -> (replay: Bits, inOrder: Bits) {
        ((t - r).msb | (t == r), tLess1 == r)
    }

    /// CLOSE with RxID `c` against our last TxID: equal, and equal or one more.
    static func close(c: Bits, cLess1: Bits, lastTx: Bits) -> (match: Bits, loose: Bits) {
        let match = c == lastTx
        return (match, match | (cLess1 == lastTx))
    }
}
