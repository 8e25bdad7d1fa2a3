/// A queue of up to `depth` narrow words in flops, whose head is a flop:
/// words move one place toward the head on each pop, and a push lands in
/// the first free place. For a few bits that must be at hand early in a
/// cycle (`out_data` is a register, `out_valid` the inverse of one), where a RAM-backed
/// `SyncFifo` would cost a block RAM and a read-ahead.
///
/// A push into a full queue is lost (`full` says when; a caller that
/// cannot overrun it by design may leave it unread); a pop of an empty one
/// does nothing. A push and a pop in the same cycle both happen. Each
/// place's next value is one gate of flops and the two handshakes, so the
/// queue adds one level to a late `out_ready`.
public final class ShiftQueue: Module {
    public let `in`: ReadyValidIn
    public let out: ReadyValidOut
    public let full = Output(1)

    /// Place 0 is the head.
    let places: [Reg]
    /// One-hot: bit i means i words are held.
    let held: Reg

    public let depth: Int

    public init(width: Int, depth: Int) {
        precondition(depth >= 2, "a queue of at least two places")
        self.depth = depth
        `in` = ReadyValidIn(width: width)
        out = ReadyValidOut(width: width)
        places = (0..<depth).map { _ in Reg(width) }
        held = Reg(depth + 1, init: 1)
    }

    public var moduleName: String { "shift_queue_\(places[0].width)x\(depth)" }

    public var body: Logic {
        let pop = (out.ready && !held[0]).named("pop")
        let push = (`in`.valid && !held[depth]).named("push")
        for (i, place) in places.enumerated() {
            // Without a pop the first free place is `held`; with one, it
            // is a place nearer the head, and every word moves up.
            let behind = i + 1 < depth ? places[i + 1].bits : place.bits
            let landsAfterPop = i + 1 <= depth ? held[i + 1] : lit(0, 1)
            place <== mux(pop, mux(push && landsAfterPop, `in`.data, behind), mux(push && held[i], `in`.data, place))
        }
        let up = (held.bits << 1).named("held_up"), down = (held.bits >> 1).named("held_down")
        held <== mux(push && !pop, up, mux(pop && !push, down, held.bits))
        `in`.ready <== !held[depth]
        full <== held[depth]
        out.valid <== !held[0]
        out.data <== places[0]
    }
}
