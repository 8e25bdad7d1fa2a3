import HDL

/// The ID comparisons the state table's flags need, as 32-bit serial
/// numbers (WIRE-FORMAT: `(int32)(a - b) > 0` means a is younger).
enum IDCompare {
    /// PAYLOAD with TxID `t` against the last in-order RxID `r`: `replay`
    /// (t is not younger than r) and `inOrder` (t == r + 1). One subtractor.
    static func payload(t: Bits, r: Bits) -> (replay: Bits, inOrder: Bits) {
        let d = t - r
        return (d.msb | (t == r), d == 1)
    }

    /// CLOSE with RxID `c` against our last TxID: equal, and equal or one more.
    static func close(c: Bits, lastTx: Bits) -> (match: Bits, loose: Bits) {
        let d = c - lastTx
        return (c == lastTx, d.bits(31, 1) == 0)
    }
}
