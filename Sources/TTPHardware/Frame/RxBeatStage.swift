import HDL

/// A bus beat held for one stage of the RX parser, with where it lies in
/// its frame: stored as `stage1`, registers `stage1_valid`, `stage1_data`, ....
/// Only `valid` is reset; the rest are datapath.
public struct RxBeatStage: Bundle {
    public let valid = Reg(1, init: 0)
    public let last = Reg(1)
    /// The beat holding header byte 59.
    public let headerBeat = Reg(1)
    public let pastHeader = Reg(1)
    /// The header beat, or the last beat of a frame that has none: where the
    /// frame's header facts are taken.
    public let frameInfo = Reg(1)
    public let data: Reg
    public let keep: Reg

    public init(dataWidth: Int) {
        data = Reg(dataWidth)
        keep = Reg(dataWidth / 8)
    }
}
