import HDL

/// `ttp_host_tx_ingest`: takes the host's payloads (`host_tx_*`, one
/// payload per packet, with its peer and vc held for the packet) into
/// replay slots, and gives one record per payload taken (`rec_*`: peer,
/// vc, slot, length) for the link engine to append to its link.
///
/// Physical backpressure: `host_tx_tready` is 1 only while the free list
/// offers a slot and the record queue has room, so a payload starts only
/// with its slot reserved. Its beats are written into that slot as they
/// come (the offer holds until taken); the slot is taken on the payload's
/// last beat, and only if the payload is good. A refused payload is taken
/// whole from the bus, its slot stays free (the next payload overwrites
/// it), and it is counted:
/// - `drop_oversize`: more than `--max-payload` bytes (beats past the slot
///   are not written);
/// - `drop_malformed`: no byte in the last beat (a zero-byte payload), or
///   a vc other than 0, 1, 2 (ENDPOINT.md's channels).
/// Every check is a flag of flops (the beat counter's "at the last beat a
/// slot takes" is one, kept beside the counter), one bit of `tkeep`
/// (`tkeep` is contiguous, so "more than r bytes in the last beat" is
/// `tkeep[r]`) or the vc's eight bits, so the take is a few gates from the
/// bus; the writes, the record and the drop counts follow from registers a
/// cycle later, and the record is loaded on every last beat (only `taken`
/// waits on the checks).
public final class HostTxIngest: Module {
    public let hostTx: AxiStreamIn
    public let hostTxDestMac = Input(48)
    public let hostTxVc = Input(8)

    /// The free list: the slot on offer, whether there is one, the take.
    public let slotOffer: Input
    public let slotAvailable = Input(1)
    public let slotTake = Output(1)

    /// The payload store's write ports (`PayloadStore`).
    public let writeEnable = Output(1)
    public let writeSlot: Output
    public let writeBeat: Output
    public let writeData: Output

    /// One record per payload taken, in the order taken.
    public let rec: PayloadRecordPorts<Output, Input>

    public let dropOversize = Output(32)
    public let dropMalformed = Output(32)

    /// The beat of the payload on the bus, and whether it is past the last
    /// one a slot takes.
    let beat: Reg
    let beyond = Reg(1, init: 0)
    /// `beat` is the last beat a slot takes.
    let atLastAllowed: Reg
    // The registered writes and the taken payload's record.
    let written = Reg(1, init: 0)
    let writtenSlot: Reg
    let writtenBeat: Reg
    let writtenData: Reg
    let taken = Reg(1, init: 0)
    /// {full beats before the last, bytes in the last less one}: the length less one.
    let takenLengthLess1 = Reg(16)
    let takenRecord: Reg
    let records: SyncFifo
    let recordCredits: CreditCounter
    let refusedLong = Reg(1, init: 0)
    let refusedMalformed = Reg(1, init: 0)
    let oversize = EventCounter(width: 32)
    let malformed = EventCounter(width: 32)

    public let geometry: ReplayGeometry

    public init(_ parameters: EndpointParameters) {
        let g = ReplayGeometry(parameters)
        geometry = g
        let width = parameters.dataWidth
        hostTx = AxiStreamIn(dataWidth: width)
        slotOffer = Input(g.slotBits)
        writeSlot = Output(g.slotBits)
        writeBeat = Output(max(1, g.beatBits))
        writeData = Output(width)
        rec = PayloadRecordPorts(slotBits: g.slotBits)
        beat = Reg(max(1, g.beatBits), init: 0)
        atLastAllowed = Reg(1, init: g.maxBeats == 1 ? 1 : 0)
        writtenSlot = Reg(g.slotBits)
        writtenBeat = Reg(max(1, g.beatBits))
        writtenData = Reg(width)
        takenRecord = Reg(48 + 8 + g.slotBits)
        records = SyncFifo(width: 48 + 8 + g.slotBits + 16, depth: 16, technology: parameters.ram)
        recordCredits = CreditCounter(credits: records.capacity)
    }

    public var moduleName: String { "ttp_host_tx_ingest" }

    public var body: Logic {
        let accepted = (hostTx.tvalid && slotAvailable && recordCredits.available).named("accepted")
        hostTx.tready <== slotAvailable && recordCredits.available
        let ends = (accepted && hostTx.tlast).named("ends")
        let tooLong = tooLong(atLastAllowed: atLastAllowed.bits)
        // vc <= 2 as gates (a compare would be a carry chain on this path).
        let vcKnown = (hostTxVc.bits(7, 2) == 0 && !(hostTxVc[1] && hostTxVc[0])).named("vc_known")
        let good = (!tooLong && hostTx.tkeep[0] && vcKnown).named("good")
        let takes = (ends && good).named("takes")
        step(accepted: accepted, ends: ends)
        slotTake <== takes
        recordCredits.take <== takes
        recordCredits.giveA <== records.out.valid && rec.ready
        recordCredits.giveB <== 0
        // Counted a cycle later, from flops: the checks end late in the cycle.
        refusedLong <== ends && tooLong
        refusedMalformed <== ends && !tooLong && !good
        oversize.count <== refusedLong
        malformed.count <== refusedMalformed
        register(accepted: accepted, ends: ends, takes: takes)
        outputs
    }

    /// The payload has more bytes than `--max-payload`: it is past the last
    /// beat a slot takes, or in that beat (`atLastAllowed`) with more bytes
    /// than the longest payload has there.
    func tooLong(atLastAllowed: Bits) -> Bits {
        let overLastBeat = geometry.lastBeatBytes < geometry.bytesPerBeat
            ? atLastAllowed && hostTx.tkeep[geometry.lastBeatBytes] : lit(0, 1)
        return (beyond || overLastBeat).named("too_long")
    }

    /// The beat counter: up one a beat, to `maxBeats` - 1 and then
    /// `beyond`; back to 0 after the last beat.
    @LogicBuilder func step(accepted: Bits, ends: Bits) -> Logic {
        let last = UInt64(geometry.maxBeats - 1)
        When(ends) {
            beat <== 0
            beyond <== 0
            atLastAllowed <== lit(last == 0 ? 1 : 0, 1)
        }.elseWhen(accepted) {
            When(atLastAllowed) { beyond <== 1 }.otherwise {
                beat <== beat + 1
                atLastAllowed <== beat.bits == lit(last == 0 ? 0 : last - 1, beat.width)
            }
        }
    }

    /// The write of the beat just taken (none past the slot), and the
    /// record of a payload just taken.
    @LogicBuilder func register(accepted: Bits, ends: Bits, takes: Bits) -> Logic {
        written <== accepted && !beyond
        writtenSlot <== slotOffer
        writtenBeat <== beat
        writtenData <== hostTx.tdata
        taken <== takes
        let shift = geometry.bytesPerBeat.trailingZeroBitCount
        let lengthLess1 = shift == 0 ? beat.bits.resized(to: 16)
            : cat(beat.bits, lastByteIndex(hostTx.tkeep.bits)).resized(to: 16)
        When(ends) {
            takenLengthLess1 <== lengthLess1
            takenRecord <== cat(hostTxDestMac, hostTxVc, slotOffer)
        }
    }

    /// The index of the highest byte a contiguous `tkeep` keeps (0 when it
    /// keeps none): the one-hot "last kept byte", OR-encoded.
    func lastByteIndex(_ keep: Bits) -> Bits {
        let lanes = keep.width, bits = lanes.trailingZeroBitCount
        let last = (0..<lanes).map { i in i + 1 < lanes ? keep[i] && !keep[i + 1] : keep[i] }
        let encoded = (0..<bits).map { bit in
            (0..<lanes).filter { $0 >> bit & 1 == 1 }.map { last[$0] }.reduce(lit(0, 1)) { $0 || $1 }
        }
        return cat(encoded.reversed()).named("last_byte_index")
    }

    @LogicBuilder var outputs: Logic {
        writeEnable <== written
        writeSlot <== writtenSlot
        writeBeat <== writtenBeat
        writeData <== writtenData
        let length = (takenLengthLess1 + 1).named("length")
        records.in.valid <== taken
        records.in.data <== cat(takenRecord, length)
        rec.valid <== records.out.valid
        records.out.ready <== rec.ready
        let fields = records.out.data.split(fromTop: [48, 8, geometry.slotBits, 16])
        rec.mac <== fields[0]
        rec.vc <== fields[1]
        rec.slot <== fields[2]
        rec.length <== fields[3]
        dropOversize <== oversize.value
        dropMalformed <== malformed.value
    }
}
