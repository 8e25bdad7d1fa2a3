/// A ready/valid register slice of two registers written and read in turn:
/// full throughput (one transfer a cycle), `in_ready` a flop, and, unlike a
/// `SkidBuffer`, no register's load depends on `out_ready`: a word is
/// written into the register a flop names, and `out_ready` only moves the
/// read place. So for wide words every signal that fans out to the whole
/// width is a flop or a gate of flops. The price: `out_data` is a 2:1 mux
/// of the registers (by a flop), not a register.
///
/// `in_ready` is a flop of its own (`not_full`, kept apart from `full` by
/// its polarity), for a writer that fans it out wide, such as the enable of
/// a register; `in_busy` is `full` itself (`!in_ready`), for handshake
/// logic, whose few loads then stay off that wide net.
public final class PingPongSlice: Module {
    public let `in`: ReadyValidIn
    public let out: ReadyValidOut
    public let inBusy = Output(1)

    let words: [Reg]
    /// The register written next and the one on the output.
    let writeSecond = Reg(1, init: 0)
    let readSecond = Reg(1, init: 0)
    /// Words held: none, one or two, as flags.
    let holding = Reg(1, init: 0)
    let full = Reg(1, init: 0)
    let notFull = Reg(1, init: 1)

    public init(width: Int) {
        `in` = ReadyValidIn(width: width)
        out = ReadyValidOut(width: width)
        words = (0..<2).map { _ in Reg(width) }
    }

    public var moduleName: String { "ping_pong_slice_\(words[0].width)" }

    public var body: Logic {
        let push = (`in`.valid && !full).named("push")
        let pop = (holding && out.ready).named("pop")
        // The register at the write place loads whenever it is free, pushed
        // or not (a word not pushed is never read): its load is flops only.
        for (i, word) in words.enumerated() {
            When(!full && (i == 0 ? !writeSecond : writeSecond.bits)) { word <== `in`.data }
        }
        When(push) { writeSecond <== !writeSecond }
        When(pop) { readSecond <== !readSecond }
        // Two words after a push to one; one after a push to none or a pop from two.
        holding <== push || (holding && !(pop && !full))
        let fullNext = mux(full, !pop, push && holding && !pop)
        full <== fullNext
        notFull <== !fullNext
        `in`.ready <== notFull
        inBusy <== full
        out.valid <== holding
        out.data <== mux(readSecond, words[1], words[0])
    }
}
