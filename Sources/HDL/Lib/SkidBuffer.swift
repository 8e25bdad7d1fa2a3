/// A ready/valid register slice with a skid entry: full throughput (one
/// transfer per cycle) with both sides registered. `out_valid`/`out_data`
/// come from flops, and `in_ready` is a flop too (it is "the skid entry is
/// empty"), so no combinational path crosses the slice in either direction:
/// a downstream `out_ready` reaches nothing upstream before the next edge.
///
/// The price is a second data register: when the output stalls in the same
/// cycle the input delivers (the upstream saw `in_ready` high a cycle ago),
/// that word waits in the skid entry.
public final class SkidBuffer: Module {
    public let `in`: ReadyValidIn
    public let out: ReadyValidOut

    /// The word on offer downstream.
    let mainValid = Reg(1, init: 0)
    let mainData: Reg
    /// A word accepted while the main register could not take it.
    let skidValid = Reg(1, init: 0)
    let skidData: Reg

    public init(width: Int) {
        `in` = ReadyValidIn(width: width)
        out = ReadyValidOut(width: width)
        mainData = Reg(width)
        skidData = Reg(width)
    }

    public var moduleName: String { "skid_buffer_\(mainData.width)" }

    public var body: Logic {
        // The main register is free when empty or being read this cycle.
        let mainFree = (!mainValid || out.ready).named("main_free")
        let push = (`in`.valid && !skidValid).named("push")

        `in`.ready <== !skidValid
        When(mainFree) {
            // The skid entry is older than the input: it goes first (and
            // while it is full, in_ready is low, so no input arrives).
            mainValid <== skidValid || `in`.valid
            skidValid <== 0
        }.elseWhen(push) {
            skidValid <== 1
        }
        // Data registers are not reset, and their loads do not wait on
        // `in_valid`: the main register loads whenever it is free (what it
        // takes counts only with `main_valid`), the skid entry whenever it
        // is empty and the main one is not, so the enables of the whole
        // width are one gate of flops and `out_ready`.
        When(mainFree) { mainData <== mux(skidValid, skidData, `in`.data) }
        When(!mainFree && !skidValid) { skidData <== `in`.data }
        out.valid <== mainValid
        out.data <== mainData
    }
}
