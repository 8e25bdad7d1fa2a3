import HDL

/// Steps the TX builder through the beats of its frames: which beat is being
/// made, whether it is the last, whether it takes a payload beat, and which
/// bytes of it the wire keeps, all as flops, so the handshakes are one gate
/// of flops and inputs and nothing downstream compares a counter.
///
/// Every register moves on `advance`: a beat goes out (`beat_valid` and the
/// output slice ready), or no frame is in progress. On an advance with
/// `starting` set (the beat just sent was a frame's last, or nothing was
/// being sent) the registers load the next frame's first beat from the plan
/// of the descriptor on offer, and the descriptor is taken (`desc_pop`);
/// with none on offer the sequencer goes idle. So frames follow each other
/// with no idle beat, and the wide registers of the header bytes load on
/// `advance` from a flop-selected mux, whatever the descriptor stream does.
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
        let payloadWaits = (needsPayload && !payValid).named("payload_waits")
        let advancing = (!active || (outReady && !payloadWaits)).named("advancing")
        When(advancing && startsNext) {
            startFrame
        }.elseWhen(advancing) {
            nextBeat
        }
        advance <== advancing
        starting <== startsNext
        descPop <== advancing && startsNext
        beatValid <== active && !payloadWaits
        payReady <== active && needsPayload && outReady
        isLast <== lastNow
        headerOnly <== headerBeats.map { $0[0] } ?? lit(0, 1)
        contentMask <== maskNow
        keep <== keepNow
    }

    /// The first beat of the frame on offer (or idle when there is none).
    @LogicBuilder private var startFrame: Logic {
        let last = planFirstIsLast.bits
        active <== descValid
        startsNext <== !descValid || last
        countdown <== planLastBeatLess2
        extraBeat <== planExtraBeat
        padded <== planPadded
        lastByteMask <== planLastByteMask
        if let headerBeats { headerBeats <== lit(UInt64.max >> (64 - headerBeats.width), headerBeats.width) }
        beatShape(last: last, headerOnly: lit(geometry.joinBeat > 0 ? 1 : 0, 1),
                  extra: planExtraBeat.bits, mask: planLastByteMask.bits, padded: planPadded.bits)
    }

    /// The beat after the current one, of the same frame.
    @LogicBuilder private var nextBeat: Logic {
        let last = countdown.msb.named("next_is_last")
        startsNext <== last
        countdown <== countdown - 1
        if let headerBeats { headerBeats <== headerBeats >> 1 }
        let nextHeaderOnly = headerBeats.flatMap { $0.width > 1 ? $0[1] : nil } ?? lit(0, 1)
        beatShape(last: last, headerOnly: nextHeaderOnly, extra: extraBeat.bits, mask: lastByteMask.bits, padded: padded.bits)
    }

    /// The flags and masks of a beat: all bytes content and kept unless it
    /// is the last; a padded frame keeps its whole last beat.
    @LogicBuilder
    private func beatShape(last: Bits, headerOnly: Bits, extra: Bits, mask: Bits, padded: Bits) -> Logic {
        let all = allBytes(geometry.bytesPerBeat)
        lastNow <== last
        needsPayload <== !headerOnly && !(last && extra)
        maskNow <== mux(last, mask, all)
        keepNow <== mux(last && !padded, mask, all)
    }
}
