import HDL

/// Steps the TX builder through the beats of its frames: which beat is being
/// made, whether it is the last, whether it takes a payload beat, and which
/// bytes of it the wire keeps, all as flops, so the handshakes are one gate
/// of flops and inputs and nothing downstream compares a counter.
///
/// Every register moves on `advance`: a beat goes out (`beat_valid` and
/// the output slice has room), or no frame is in progress and the slice has
/// room. On an advance with `starting` set (the beat just sent was a
/// frame's last, or nothing was being sent) the registers load the first
/// beat of the frame on offer, and its descriptor is taken (`desc_pop`);
/// with none on offer the sequencer goes idle. So frames follow each other
/// with no idle beat, and `advance` is one gate of three signals whatever
/// the descriptor stream does, which matters because it is the enable of
/// every register of the beat (hundreds of flops at DW 512).
///
/// A beat takes a payload beat unless it is header only (before the join
/// beat) or the frame's extra last beat (`TxFramePlan.extra_beat`).
public final class TxBeatSequencer: Module {
    // The plan of the descriptor on offer.
    public let descValid = Input(1)
    public let planLastBeatLess2: Input
    public let planFirstIsLast = Input(1)
    public let planExtraBeat = Input(1)
    public let planLastByteMask: Input
    public let planPadded = Input(1)
    /// The descriptor's frame starts: it is taken.
    public let descPop = Output(1)

    public let payValid = Input(1)
    public let payReady = Output(1)
    public let outReady = Input(1)
    public let beatValid = Output(1)

    /// The registers move (see above); `starting`: to the next frame.
    public let advance = Output(1)
    public let starting = Output(1)
    /// The current beat.
    public let isLast = Output(1)
    public let headerOnly = Output(1)
    public let contentMask: Output
    public let keep: Output

    let active = Reg(1, init: 0)
    let startsNext = Reg(1, init: 1)
    let lastNow = Reg(1, init: 0)
    /// Beats after the current one, less 2: negative when the next is the last.
    let countdown: Reg
    /// One bit per header-only beat still to send, bit 0 the current beat's.
    let headerBeats: Reg?
    let needsPayload = Reg(1, init: 0)
    /// `!needs_payload`, for `advance` alone: a flop of its own keeps
    /// synthesis from sharing `advance`'s gate with the handshakes' and so
    /// making it two levels deep before its wide fan-out.
    let noPayloadNeeded = Reg(1, init: 1)
    let maskNow: Reg
    let keepNow: Reg
    // The frame's shape, for its last beat.
    let extraBeat = Reg(1)
    let padded = Reg(1)
    let lastByteMask: Reg

    let geometry: BusGeometry

    public init(_ geometry: BusGeometry) {
        self.geometry = geometry
        let b = geometry.bytesPerBeat
        planLastBeatLess2 = Input(geometry.beatIndexWidth + 1)
        planLastByteMask = Input(b)
        contentMask = Output(b)
        keep = Output(b)
        countdown = Reg(geometry.beatIndexWidth + 1)
        headerBeats = geometry.joinBeat == 0 ? nil : Reg(geometry.joinBeat, init: 0)
        maskNow = Reg(b)
        keepNow = Reg(b)
        lastByteMask = Reg(b)
    }

    public var moduleName: String { "ttp_tx_beat_sequencer" }

    public var body: Logic {
        // One gate of three: `advance` fans out to every register of the
        // header bytes. Idle, `needs_payload` is 0, so the sequencer keeps
        // loading the plan on offer while the output slice has room; with no
        // room it waits, which costs nothing since no beat could go anyway.
        let advancing = (outReady && (noPayloadNeeded || payValid)).named("advancing")
        // Every register loads on `advancing` alone, from a mux that the
        // flop `starts_next` selects: the first beat of the frame on offer,
        // or the next beat of this one.
        When(advancing) { nextState }
        advance <== advancing
        starting <== startsNext
        // The same condition from the other flop of the pair: synthesis
        // cannot share `advancing`'s gate, whose net reaches every register.
        descPop <== outReady && (!needsPayload || payValid) && startsNext
        beatValid <== active && (!needsPayload || payValid)
        payReady <== active && needsPayload && outReady
        isLast <== lastNow
        headerOnly <== headerBeats.map { $0[0] } ?? lit(0, 1)
        contentMask <== maskNow
        keep <== keepNow
    }

    /// The state after an advance.
    @LogicBuilder private var nextState: Logic {
        let last = pick(planFirstIsLast, countdown.msb).named("next_is_last")
        // Idle waits for no payload (see `advancing`): as if header only.
        let startHeaderOnly = geometry.joinBeat > 0 ? lit(1, 1) : !descValid
        let stepHeaderOnly = headerBeats.flatMap { $0.width > 1 ? $0[1] : nil } ?? lit(0, 1)
        let extra = pick(planExtraBeat, extraBeat), mask = pick(planLastByteMask, lastByteMask)
        let framePadded = pick(planPadded, padded)
        active <== pick(descValid, active)
        startsNext <== pick(!descValid || planFirstIsLast, countdown.msb)
        countdown <== pick(planLastBeatLess2, countdown - 1)
        extraBeat <== extra
        padded <== framePadded
        lastByteMask <== mask
        if let headerBeats { headerBeats <== pick(lit(1, 1).replicated(headerBeats.width), headerBeats >> 1) }
        // The beat's flags and masks: all bytes content and kept unless it is
        // the last; a padded frame keeps its whole last beat.
        let all = lit(1, 1).replicated(geometry.bytesPerBeat)
        lastNow <== last
        let needs = (!pick(startHeaderOnly, stepHeaderOnly) && !(last && extra)).named("next_needs_payload")
        needsPayload <== needs
        noPayloadNeeded <== !needs
        maskNow <== mux(last, mask, all)
        keepNow <== mux(last && !framePadded, mask, all)
    }

    /// The first beat's value of a register if a frame starts, else the next beat's.
    private func pick(_ start: some BitsConvertible, _ step: some BitsConvertible) -> Bits {
        mux(startsNext, start, step)
    }
}
