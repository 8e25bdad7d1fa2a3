import HDL

/// `ttp_replay_lists`: each link's list of replay slots, and the walker
/// that works them. It takes the link engine's commands (`command_*`, a
/// `ReplayCommand` each, in commit order), offers PAYLOADs to send back to
/// the engine (`send_*`, as events through Q0-Q3, so the engine checks the
/// link's state and keeps its last TxID), and gives slots back to the free
/// list (`retire`, `retire_slot`).
///
/// Per link, a `ReplayListRecord` in a RAM by the link's place in the
/// table; per slot, its next slot and its length in two RAMs. The walker
/// does one job at a time, reading the link's record, changing it and
/// writing it back (so no job sees another half done):
/// - append: the slot joins the tail, numbered the tail's ID + 1 (the
///   first after the link was made: the engine's last TxID + 1); a link
///   that may send and had nothing waiting joins the send queue.
/// - ACK `i`: slots from the head up to `i` go back (only sent ones).
///   NACK `i`: those before `i`, then sending starts again at `i`.
///   NACK_FULL `i`: the same, and the link pauses for `backoff` cycles
///   (a queue of links with the cycle they resume; the timer issue makes
///   it robust), then resumes from `i`.
/// - opened: the link may send; what it holds goes out in order.
/// - flush (the link was freed): every slot it holds goes back and is
///   counted in `drop_flushed`. refuse: the payload's slot goes back,
///   counted in `drop_refused`.
/// - close wanted (a close command on an OPEN link): the link is marked
///   closing, so later appends are refused; once its list is empty (now,
///   or when an ACK retires its last slot) a drained close goes out on
///   `send_*` (`send_close`), and the engine sends CLOSE.
/// - send: a link from the send queue sends its next PAYLOAD and, if it
///   has more, queues again behind the others: links with something to
///   send take turns, one PAYLOAD each (round robin), and commands and
///   sends alternate.
/// The walker is a sequence of phases whose every choice comes from flops
/// (`WalkFlags`, worked out each cycle from the record it holds), so no
/// phase has deep logic: a job takes about eight cycles, retiring four a
/// slot, in the walker, not in the engine's pipeline. Sends leave through
/// a register slice, so the engine's grant reaches nothing here. After
/// reset the records are cleared, one a cycle.
public final class ReplayLists: Module {
    public let commandValid = Input(1)
    public let commandReady = Output(1)
    public let command = Input(ReplayCommand.width)

    public let send: ReplaySendPorts<Output, Input>

    public let retire = Output(1)
    public let retireSlot: Output

    /// Host payloads refused (`ReplayCommandKind.refuse`) and slots freed
    /// with their link unacknowledged (`flush`).
    public let dropRefused = Output(32)
    public let dropFlushed = Output(32)

    enum Phase: HardwareEnum {
        case clearing, idle, refuse, fetch, fetchWait, load, settle, append, reopen, sendCheck, sendWait, offer
        case retireCheck, retireTake, retireSettle, afterRetire, closeCheck, offerClose, writeBack
        static var encoding: EnumEncoding { .oneHot }
    }

    /// What the walker is doing, one-hot: a `ReplayCommandKind`, or one of these.
    static let sendJob = 8, resumeJob = 9, jobs = 10

    let phase = EnumReg(Phase.self, init: .clearing)
    let job = Reg(jobs, init: 0)
    /// The source of the next job, one-hot {resume, command, send}, chosen
    /// a cycle ahead from flops (a source valid then is valid still: only
    /// the walker takes from these queues, and picks are two cycles apart).
    let choice = Reg(3, init: 0)
    let link: Reg
    let order: Reg
    let record = Reg(ReplayListRecord.width)
    /// What the phases decide on, from `record` a cycle ago (`WalkFlags`).
    let flags = Reg(WalkFlags.width)
    /// A link in the back-off queue is due (a cycle ago; the queue's head
    /// changes only as the walker takes it, and then it is busy for cycles).
    let resumeDue = Reg(1, init: 0)
    let backoffHead = Reg(17, init: 0)
    /// The next job of the back-off queue / the backlog / the send queue is
    /// for `link` (a cycle ago, `judge`).
    let hits = Reg(3, init: 0)
    /// A link to push into the send queue / the back-off queue, a cycle
    /// after the phase that decided it (off the queues' counters' paths).
    let sendPush = Reg(1, init: 0)
    let backoffPush = Reg(1, init: 0)
    let pushLink: Reg
    /// Serve the send queue next when both it and the command queue wait.
    let sendsNext = Reg(1, init: 0)
    let now = Reg(16, init: 0)
    let clearIndex: Reg

    let records: BlockRam
    let nextSlots: BlockRam
    let lengths: BlockRam
    /// Commands waiting for the walker: room for one per slot and one per
    /// link (an ACK for every PAYLOAD in flight, an OPEN_ACK for every
    /// link opening), up to 1,024, so a well-behaved peer's frames never
    /// find the engine's replay queue full (a frame that does is dropped,
    /// as if lost).
    let backlog: SyncFifo
    /// The backlog's head in a register slice: the walker decodes it from
    /// flops, and its take reaches no further than the slice.
    let nextCommand: SkidBuffer
    let sendQueue: SyncFifo
    let backoffQueue: SyncFifo
    let sendSlice: SkidBuffer
    let refusedCount = EventCounter(width: 32)
    let flushedCount = EventCounter(width: 32)
    let retiring = Reg(1, init: 0)
    let retiringSlot: Reg

    // The walker's one-cycle controls (default: nothing).
    let readRecord = Wire(1, default: 0)
    let writeRecord = Wire(1, default: 0)
    let writeRecordData = Wire(ReplayListRecord.width, default: 0)
    let readSlot = Wire(1, default: 0)
    let readSlotAt: Wire
    let writeNext = Wire(1, default: 0)
    let queueSend = Wire(1, default: 0)
    let queueBackoff = Wire(1, default: 0)
    let takeCommand = Wire(1, default: 0)
    let takeSend = Wire(1, default: 0)
    let takeResume = Wire(1, default: 0)
    let giveSlot = Wire(1, default: 0)
    let giveSlotAt: Wire
    let countRefused = Wire(1, default: 0)
    let countFlushed = Wire(1, default: 0)
    let offering = Wire(1, default: 0)
    let sendingNew = Wire(1, default: 0)
    let offeringClose = Wire(1, default: 0)
    /// `record` holds the last word written for `link` (so a job for the
    /// same link skips the read).
    let recordHeld = Reg(1, init: 0)

    public let links: Int
    public let slotBits: Int
    public let linkBits: Int
    /// Cycles a NACK_FULL pauses its link (`ReplayLists(backoff:)`).
    public let backoff: Int

    /// `links`: places in the link table (2 x sets); `backoff` in cycles,
    /// 2,048 by default (13 us at 156.25 MHz: a receiver's buffer drains a
    /// few frames meanwhile).
    public init(_ parameters: EndpointParameters, backoff: Int = 2048) {
        precondition(backoff > 0 && backoff < 1 << 15, "a back-off of 1 ... 32,767 cycles")
        let geometry = LinkTableGeometry(links: parameters.links)
        links = geometry.sets * LinkTableGeometry.ways
        linkBits = geometry.setBits + 1
        slotBits = ReplayGeometry(parameters).slotBits
        self.backoff = backoff
        let slots = ReplayGeometry(parameters).slots
        send = ReplaySendPorts(slotBits: slotBits)
        retireSlot = Output(slotBits)
        link = Reg(linkBits)
        pushLink = Reg(linkBits)
        order = Reg(ReplayCommand.width)
        clearIndex = Reg(linkBits, init: 0)
        retiringSlot = Reg(slotBits)
        readSlotAt = Wire(slotBits, default: 0)
        giveSlotAt = Wire(slotBits, default: 0)
        records = BlockRam(width: ReplayListRecord.width, depth: links, technology: parameters.ram)
        nextSlots = BlockRam(width: slotBits, depth: slots, technology: parameters.ram)
        lengths = BlockRam(width: 16, depth: slots, technology: parameters.ram)
        let backlogDepth = min(1024, 1 << (Int.bitWidth - (slots + links - 1).leadingZeroBitCount))
        backlog = SyncFifo(width: ReplayCommand.width, depth: backlogDepth, technology: parameters.ram, bypass: true)
        nextCommand = SkidBuffer(width: ReplayCommand.width)
        sendQueue = SyncFifo(width: linkBits, depth: links, technology: parameters.ram, bypass: true)
        backoffQueue = SyncFifo(width: linkBits + 16, depth: links, technology: parameters.ram)
        sendSlice = SkidBuffer(width: SendWord.width)
    }

    public var moduleName: String { "ttp_replay_lists" }

    public var body: Logic {
        walk
        judge
        memories
        queues
        outputs
    }

    var current: Packed<ReplayListRecord> { Packed(record) }
    var found: Packed<ReplayListRecord> { Packed(records.readData) }
    var ordered: Packed<ReplayCommand> { Packed(order) }
    /// The next command (the backlog's head, through its slice).
    var incoming: Packed<ReplayCommand> { Packed(nextCommand.out.data) }
    var judged: Packed<WalkFlags> { Packed(flags) }

    /// The flops the phases decide on, from the record as it stands.
    @LogicBuilder var judge: Logic {
        let r = current
        flags <== Packed<WalkFlags>.pack {
            $0.nonEmpty = r.count != 0
            $0.headUpToID = SerialID.notYounger(r.headTx, ordered.id)
            $0.headBeforeID = SerialID.older(r.headTx, ordered.id)
            $0.headSent = SerialID.older(r.headTx, r.freshFrom)
            $0.headIsID = r.headTx == ordered.id
            $0.idSent = SerialID.older(ordered.id, r.freshFrom)
            $0.headLastSent = r.headTx == r.lastSent
            $0.fresh = r.sendTx == r.freshFrom
            $0.more = r.sendTx != r.tailTx
            $0.sendsHead = r.sendSlot == r.head
            $0.single = r.head == r.tail
            $0.headTxNext = r.headTx + 1
            $0.sendTxNext = r.sendTx + 1
            let before = mux(r.started, r.tailTx, ordered.id).named("append_after")
            $0.appendID = before + 1
            $0.appendIDNext = before + 2
        }.bits
        // The back-off queue's head, then whether it is due: two steps, so
        // no compare waits on the queue's output choice.
        // (Both cleared as the walker takes the head, so neither shows it again.)
        backoffHead <== cat(backoffQueue.out.valid && !takeResume, backoffQueue.out.data.bits(15, 0))
        resumeDue <== backoffHead[16] && !takeResume && !(now - backoffHead.bits(15, 0)).msb
        // Whether each source's next job is for the link of the record held
        // (a cycle ago: the head cannot have changed since, as only the
        // walker takes from these queues, and it has not).
        let commandFirst = nextCommand.out.valid && (!sendsNext || !sendQueue.out.valid)
        choice <== cat(resumeDue, !resumeDue && commandFirst, !resumeDue && !commandFirst && sendQueue.out.valid)
        hits <== cat(backoffQueue.out.valid && resumeLink == link, nextCommand.out.valid && commandLink == link,
                     sendQueue.out.valid && sendQueue.out.data == link)
    }

    /// The link of each source's next job.
    var resumeLink: Bits { backoffQueue.out.data.bits(linkBits + 15, 16) }
    var commandLink: Bits { incoming.link.truncated(to: linkBits) }

    @LogicBuilder var memories: Logic {
        records.readEnable <== readRecord
        records.readAddress <== link
        records.writeEnable <== writeRecord
        records.writeAddress <== mux(phase == .clearing, clearIndex, link)
        records.writeData <== writeRecordData
        nextSlots.readEnable <== readSlot
        nextSlots.readAddress <== readSlotAt
        // An append links the old tail to its slot.
        nextSlots.writeEnable <== writeNext
        nextSlots.writeAddress <== current.tail.truncated(to: slotBits)
        nextSlots.writeData <== ordered.slot.truncated(to: slotBits)
        lengths.readEnable <== readSlot
        lengths.readAddress <== readSlotAt
        // A payload's length is written as it is appended.
        lengths.writeEnable <== phase == .append
        lengths.writeAddress <== ordered.slot.truncated(to: slotBits)
        lengths.writeData <== ordered.length
    }

    @LogicBuilder var queues: Logic {
        backlog.in.valid <== commandValid
        backlog.in.data <== command
        commandReady <== backlog.in.ready
        connect(nextCommand.in, from: backlog.out)
        nextCommand.out.ready <== takeCommand
        sendPush <== queueSend
        backoffPush <== queueBackoff
        pushLink <== link
        sendQueue.in.valid <== sendPush
        sendQueue.in.data <== pushLink
        sendQueue.out.ready <== takeSend
        backoffQueue.in.valid <== backoffPush
        backoffQueue.in.data <== cat(pushLink, now + backoff)
        backoffQueue.out.ready <== takeResume
        now <== now + 1
    }

    @LogicBuilder var outputs: Logic {
        retiring <== giveSlot
        retiringSlot <== giveSlotAt
        retire <== retiring
        retireSlot <== retiringSlot
        refusedCount.count <== countRefused
        flushedCount.count <== countFlushed
        dropRefused <== refusedCount.value
        dropFlushed <== flushedCount.value
        // The send point's PAYLOAD, or (`sendingNew`) the one being
        // appended; a drained close (`offeringClose`) on the command's link
        // (`sendingNew`) or the record's.
        sendSlice.in.valid <== offering
        sendSlice.in.data <== Packed<SendWord>.pack {
            $0.mac = mux(sendingNew, ordered.peerMAC, current.peerMAC)
            $0.vc = mux(sendingNew, ordered.vc, current.vc)
            $0.txID = mux(sendingNew, judged.appendID, current.sendTx)
            $0.slot = mux(sendingNew, ordered.slot, current.sendSlot)
            $0.length = mux(sendingNew, ordered.length, lengths.readData.bits)
            $0.fresh = sendingNew || judged.fresh
            $0.close = offeringClose.bits
        }.bits
        let word = Packed<SendWord>(sendSlice.out.data)
        send.valid <== sendSlice.out.valid
        sendSlice.out.ready <== send.ready
        send.mac <== word.mac
        send.vc <== word.vc
        send.txId <== word.txID
        send.slot <== word.slot.truncated(to: slotBits)
        send.length <== word.length
        send.fresh <== word.fresh
        send.close <== word.close
    }
}

/// What the walker's phases decide on (`ReplayLists.judge`), from the
/// record a cycle ago: one flop each, the "+ 1"s made ahead.
struct WalkFlags: PackedStruct {
    var nonEmpty = Field(1)
    /// The head against the command's ID (an ACK retires up to it, a NACK
    /// before it), and whether it was sent; the ID was sent.
    var headUpToID = Field(1)
    var headBeforeID = Field(1)
    var headSent = Field(1)
    var headIsID = Field(1)
    var idSent = Field(1)
    /// The head is the last ID sent.
    var headLastSent = Field(1)
    /// The send point's ID goes out for the first time.
    var fresh = Field(1)
    /// The send point is not the tail.
    var more = Field(1)
    /// The send point is the head.
    var sendsHead = Field(1)
    /// The head is the tail: one slot held (when `nonEmpty`).
    var single = Field(1)
    var headTxNext = Field(32)
    var sendTxNext = Field(32)
    /// The ID an append gives: the tail's + 1, or the link's last TxID + 1 for the first.
    var appendID = Field(32)
    var appendIDNext = Field(32)
}

/// A PAYLOAD to send, in the register slice towards the engine.
struct SendWord: PackedStruct {
    var mac = Field(48)
    var vc = Field(8)
    var txID = Field(32)
    var slot = Field(16)
    var length = Field(16)
    var fresh = Field(1)
    /// A drained close, not a PAYLOAD.
    var close = Field(1)
}
