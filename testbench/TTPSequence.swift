/// Serial-number arithmetic for the 32-bit TTP IDs (TxID, RxID), which wrap.
public enum TTPSequence {
    /// True when `a` is younger (later) than `b` in serial-number order:
    /// `(Int32)(a - b) > 0`. Two IDs exactly 2^31 apart are neither younger
    /// than the other; equal IDs are not younger.
    public static func isYounger(_ a: UInt32, than b: UInt32) -> Bool {
        Int32(bitPattern: a &- b) > 0
    }
}
