import HDL

/// What the TX builder's descriptor slice holds for one frame: everything
/// its first beat needs, worked out on the way in (`TxFramePlan`,
/// `TxHeader`) so that, out of the slice, it is flops through the slice's
/// 2:1 mux. Widths depend on the bus, so it is packed by hand rather than
/// as a `PackedStruct`: the plan in the MSBs, then the 60 header bytes.
/// Header bits that are constants stay constants through the slice, and
/// synthesis keeps no flop for them.
struct TxFrameStart {
    let lastBeatLess2: Bits
    let firstIsLast: Bits
    let extraBeat: Bits
    let padded: Bits
    let lastByteMask: Bits
    let header: Bits

    static func width(_ geometry: BusGeometry) -> Int {
        (geometry.beatIndexWidth + 1) + 3 + geometry.bytesPerBeat + 8 * WireLayout.headerBytes
    }

    static func pack(plan: TxFramePlan, header: TxHeader) -> Bits {
        cat(plan.lastBeatLess2, plan.firstIsLast, plan.extraBeat, plan.padded, plan.lastByteMask, header.header)
    }

    /// The fields of a packed record, named `next_*` in the Verilog.
    init(_ record: Bits, _ geometry: BusGeometry) {
        let fields = record.split(fromTop: [geometry.beatIndexWidth + 1, 1, 1, 1, geometry.bytesPerBeat,
                                            8 * WireLayout.headerBytes])
        lastBeatLess2 = fields[0].named("next_last_beat_less2")
        firstIsLast = fields[1].named("next_first_is_last")
        extraBeat = fields[2].named("next_extra_beat")
        padded = fields[3].named("next_padded")
        lastByteMask = fields[4].named("next_last_byte_mask")
        header = fields[5].named("next_header")
    }
}
