import HDL

/// `ttp_link_engine`: the link table, the Q0-Q3 pipeline and the state
/// machine. Takes received frame records (`rec_*`, from the RX parser),
/// link commands (`cmd_*`), host payloads in replay slots (`host_*`) and
/// the replay lists' sends (`send_*`), one event a clock with no stall, and
/// gives frame requests (`desc_*` with `desc_slot`: control frames and
/// PAYLOADs, to the replay memory's sender), the fate of each received
/// payload (`fate_*`: deliver to the host or discard, in the order of the
/// payloads), link events (`evt_*`) and commands to the replay lists
/// (`replay_*`, a `ReplayCommand` each).
///
/// Stages, one clock each (`s0` ... `s7`; the table's RAM answers in two):
/// - Q0 (`EventPicker`): pick an event with its link's set (a record's
///   hashed by the RX parser, `rec_set`; a command's in the picker), a
///   command only while two places are left in the response and report
///   queues. Both sources' events are registered with the grant, and s0
///   takes the granted one after the flops (`firstStage`, a `LateChoice`).
/// - Q1 read: s0 takes the places the event needs (or, when the queue filled
///   meanwhile, marks it dropped, as if lost on the wire), sends the set to
///   the table and compares the event's set
///   and key with those of the events ahead (`LinkRelation`); s1 waits for
///   the RAM; s2 takes both ways of the set and patches them with the
///   committed writes the read missed.
/// - Q2 decide: s3 finds the event's way (tag compare) and makes the ID
///   comparisons; s4 and s5 apply what the events four to two ahead did;
///   s5 also tabulates `StateTable` for the event in every state the event
///   just ahead may leave its link in (`DecisionLookahead`); s6 takes the
///   event just ahead into account and picks the decision from that table.
/// - Q3 commit (s7): the new way word, the payload's fate, the link event;
///   the word reaches the RAM a cycle later from `h1`; the response enters
///   the response queue as the event commits.
///
/// Forwarding: an event reads the RAM before the eight events ahead of it
/// have written, so each of those writes reaches it on the way. A word is
/// forwarded as data only once it is in a flop (h1 ... h3): those six to
/// eight ahead when the RAM data arrives (s2), the one five ahead in s3.
/// Of the nearer ones, each stage takes only their decisions' flops (next
/// state, NACK mark, which IDs they set, which way, whether it stays), and
/// chooses among comparisons s3 made against every value they may leave
/// (their TxIDs, our open ID); their words follow as data later. The one
/// loop is s6 to s6: an event's decision needs the one just ahead, decided
/// the cycle before, and there it only picks a precomputed word by the
/// entry that one leaves (the state and two bits), given as flops
/// (`lookupIndex`) that the one ahead chose with its own decision
/// (`LoopWord`, `LoopHandover`). Events for the same set that follow each
/// other therefore see each other's results, and two OPENs for one new key
/// in consecutive cycles make one link.
///
/// After reset the table is cleared, one set a clock (`LinkTableGeometry.sets`
/// cycles), before the first event is picked.
public final class LinkEngine: Module {
    public let recValid = Input(1)
    public let recReady = Output(1)
    public let rec = FrameHeaderPorts<Input>()
    public let recPayloadDropped = Input(1)
    /// The record's payload beats follow (the RX parser's `hdr_has_payload`).
    public let recHasPayload = Input(1)
    /// The record's set in the link table: `LinkTableGeometry.set(of:)` of
    /// {`rec_peer_mac`, `rec_vc`} (the RX parser's `hdr_set`).
    public let recSet: Input

    public let cmd = LinkCommandPorts<Input, Output>()
    public let host: PayloadRecordPorts<Input, Output>
    public let send: ReplaySendPorts<Input, Output>

    public let descValid = Output(1)
    public let descReady = Input(1)
    public let desc = FrameHeaderPorts<Output>()
    /// A PAYLOAD's replay slot (its length is `desc_payload_length`).
    public let descSlot: Output

    public let replayValid = Output(1)
    public let replayReady = Input(1)
    public let replayCommand = Output(ReplayCommand.width)

    public let fateValid = Output(1)
    public let fateReady = Input(1)
    public let fateDeliver = Output(1)
    public let fateMac = Output(48)
    public let fateVc = Output(8)

    public let evt = LinkEventPorts<Output, Input>()

    /// Received frames dropped for want of room on the response path / in the event queue.
    public let dropResponseBusy = Output(32)
    public let dropReportBusy = Output(32)
    public let dropReplayBusy = Output(32)
    /// The table is cleared and events are taken.
    public let running = Output(1)

    let picker: EventPicker
    let linkTable: LinkTable
    let responses: SyncFifo
    let reports: SyncFifo
    let fates: SyncFifo
    let replays: SyncFifo
    let responseCredits: CreditCounter
    let reportCredits: CreditCounter
    let replayCredits: CreditCounter
    let responseBusyCount = EventCounter(width: 32)
    let reportBusyCount = EventCounter(width: 32)
    let replayBusyCount = EventCounter(width: 32)

    // The events in flight, s0 ... s7, and their sets (`event(_:)`,
    // `set(_:)`); s0's event is both sources' events, chosen after the
    // flops by the grant of Q0 (`firstStage`), the events of s1 on in `events`.
    let valid: [Reg]
    let firstStage: LateChoice
    /// s0: the keys of Q0's two candidates (record, local), each in two
    /// copies for the key compares against the events ahead: a copy feeds half of them.
    let keysAtS0 = (0..<2).map { _ in [Reg].copies(2, width: LinkKey.width) }
    /// s0: Q0's grant, a copy for each half of the key compares' choice.
    let keyChoiceAtS0 = [Reg].copies(2, width: 1, initial: 0)
    private let events: [Reg]
    private let sets: [Reg]
    /// s1 ... s6: how the event relates to those ahead of it (`LinkRelation`;
    /// at s1 without `sameKey`, whose compares are still in parts).
    let relations: [Reg]
    let keyPartsAtS1 = Reg(LinkRelation.reach * LinkKey.width / eventKeyPart)
    /// s2: per way, where its word comes from (`choosePatches`), in two
    /// copies, each selecting half of the word's bits.
    let patchFromAtS2 = (0..<LinkTableGeometry.ways).map { _ in [Reg].copies(2, width: 2, initial: 0) }
    /// s3: both ways as s2 patched them, whether they were patched, whether
    /// the patched word holds the event's link, whether the RAM's did.
    let waysAtS3: [Reg]
    let patchedAtS3 = (0..<LinkTableGeometry.ways).map { _ in Reg(1) }
    let holdsIfPatchedAtS3 = (0..<LinkTableGeometry.ways).map { _ in Reg(1) }
    let liveIfPatchedAtS3 = (0..<LinkTableGeometry.ways).map { _ in Reg(1) }
    let keyPartsMatchAtS3 = (0..<LinkTableGeometry.ways).map { _ in Reg(LinkKey.width / ramKeyPart) }
    let ramLiveAtS3 = (0..<LinkTableGeometry.ways).map { _ in Reg(1) }
    /// s3: the event five ahead (in h1) wrote way w of this event's set; in
    /// copies: one for the flags, one for the word.
    let fromFiveAtS3 = (0..<LinkTableGeometry.ways).map { _ in [Reg].copies(2, width: 1, initial: 0) }
    /// s4: per way, the word (patched with the write four ahead), whether it
    /// holds the event's link, whether it is free, the ID comparisons.
    let waysAtS4: [Reg]
    let hitAtS4 = (0..<LinkTableGeometry.ways).map { _ in Reg(1) }
    let freeAtS4 = (0..<LinkTableGeometry.ways).map { _ in Reg(1) }
    let flagsAtS4: [Reg]
    /// s4, then s5: comparisons against the TxIDs of the events one to three
    /// ahead (values they may leave as our last TxID or last RxID) and our open ID.
    let flagsIfAheadSets: [Reg]
    let flagsIfOpenID = Reg(2)
    /// s4: what the event four ahead (now in h1) did to this event's
    /// comparisons, worked out in s3 from its decision (`AheadEffect`).
    let fourAheadAtS4 = Reg(AheadEffect.width, init: 0)
    // s5: the link as the events three and more ahead leave it, and the
    // comparisons still to choose from.
    let stateAtS5 = Reg(LinkState.width)
    let nackAtS5 = Reg(1)
    let freeAtS5 = (0..<LinkTableGeometry.ways).map { _ in Reg(1) }
    let wayAtS5 = Reg(1)
    let wordAtS5 = Reg(LinkWord.width)
    /// s5: what the lookahead takes (`LookaheadInputs`), in copies, one
    /// for each share of its lookups (`DecisionLookahead.copies`).
    let lookaheadInputs = [Reg].copies(DecisionLookahead.copies, width: LookaheadInputs.width)
    /// s5: what the event two ahead did to this event's flags
    /// (`TwoAheadFlags`), made in s6 as it decided; in copies likewise.
    let twoAheadFlagsAtS5 = [Reg].copies(DecisionLookahead.copies, width: TwoAheadFlags.width, initial: 0)
    /// s5: what the event two ahead (now in s7) did to this event's
    /// comparisons, worked out in s6 as it decided (`AheadEffect`).
    let twoAheadAtS5 = Reg(AheadEffect.width, init: 0)
    /// s5: the event two ahead wrote way w of this event's set (made in s6 as it decided).
    let twoChangesWay = (0..<LinkTableGeometry.ways).map { _ in Reg(1, init: 0) }
    /// s5: the event may take a free way (not a PAYLOAD or a CLOSE, whose `x` means something else).
    let takesFreeAtS5 = Reg(1)
    /// s5: the 16 state-table lookups of `DecisionLookahead`.
    let lookahead: DecisionLookahead
    // s6: the lookup table with each entry's `LoopWord`, and the word the link had.
    let decisions: [Reg]
    let loopWords: [Reg]
    let wordAtS6 = Reg(LinkWord.width)
    // s6: the link as all the events ahead leave it, and the lookup bits,
    // made by the decision just ahead (`loopInputs`) as flops with few
    // loads: the inputs of the loop.
    /// The event just ahead wrote this event's link.
    let followsOne = Reg(1, init: 0)
    /// The entry of the lookahead table (`DecisionLookahead.entry`), in four
    /// copies: one for each half of the decision words' bits
    /// (`DecisionLookahead.choose`), one for each half of the handovers'
    /// (`handOver`). (More copies measured slower: the gate that loads them
    /// then drives flops spread over the whole choice.)
    let lookupIndex = [Reg].copies(4, width: DecisionLookahead.entryBits, initial: 0)
    let foundLive = Reg(1, init: 0)
    let foundNack = Reg(1)
    let foundWay = Reg(1)
    let foundFree = (0..<LinkTableGeometry.ways).map { _ in Reg(1) }
    // s6: the decision and what it needs to commit.
    let decided = Reg(LinkDecisionWord.width)
    let writes = Reg(1, init: 0)
    let keeps = Reg(1)
    let allocates = Reg(1)
    let way = Reg(1)
    let followsAhead = Reg(1)
    /// The NACK mark the event leaves on its link.
    let nackLeft = Reg(1)
    let ownWord = Reg(LinkWord.width)
    let ownPlus = Reg(NextIDs.width)
    /// s6: the link as the event found it (the one ahead's new word when that
    /// wrote the same link, now in h1; a fresh word for a new link), and the
    /// word it leaves.
    let base = Wire(LinkWord.width)
    let basePlus = Wire(NextIDs.width)
    let committed = Wire(LinkWord.width)
    /// s7: the event has a payload whose fate it gives.
    let givesFate = Reg(1, init: 0)
    /// s7: the event answers (`respond` of a valid event's decision).
    let responds = Reg(1, init: 0)
    /// s7: the event gives the replay lists a command (`replay` of a valid event's decision).
    let commandsReplay = Reg(1, init: 0)
    /// The link event of the event committed a cycle ago: kind, MAC, vc.
    let reportValid = Reg(1, init: 0)
    let report = Reg(3 + 48 + 8)
    // h1 ... h3: the last words committed; h1 writes the RAM.
    let historyWrites: [Reg]
    let historySet: [Reg]
    let historyWay: [Reg]
    let historyWord: [Reg]
    /// h1's `NextIDs`.
    let historyPlus = Reg(NextIDs.width)
    /// The committed word holds a live link (it stays: `keeps`).
    let historyLive: [Reg]
    // Clearing the table after reset.
    let clearing = Reg(1, init: 1)
    /// The sources are offered to the picker (a copy of !clearing, for its own few loads).
    let accepting = Reg(1, init: 0)
    let responseBusy = Reg(1, init: 0)
    let reportBusy = Reg(1, init: 0)
    let replayBusy = Reg(1, init: 0)
    /// s0: the room the picker saw (`twoAvailable`): bit 0 responses, bit 1
    /// link events, bit 2 replay commands.
    let roomAtS0 = Reg(3, init: 0)
    /// s3: the operands of the ID compares, the event's TxID and RxID and
    /// each less one (so "one more" is an equality, with no carry), in two
    /// copies (`IDOperands`): one for the compares against the set's ways,
    /// one for those against the events ahead, so no bit drives both.
    let operands = [Reg].copies(2, width: IDOperands.width)
    let clearSet: Reg

    public let parameters: EndpointParameters
    public let geometry: LinkTableGeometry

    public init(_ parameters: EndpointParameters = EndpointParameters(), fateDepth: Int = 256) {
        self.parameters = parameters
        let geometry = LinkTableGeometry(links: parameters.links)
        self.geometry = geometry
        recSet = Input(geometry.setBits)
        let slotBits = ReplayGeometry(parameters).slotBits
        host = PayloadRecordPorts(slotBits: slotBits)
        send = ReplaySendPorts(slotBits: slotBits)
        descSlot = Output(slotBits)
        picker = EventPicker(geometry, slotBits: slotBits)
        linkTable = LinkTable(geometry, technology: parameters.ram)
        responses = SyncFifo(width: ControlFrame.width, depth: 16, technology: parameters.ram, bypass: true)
        reports = SyncFifo(width: 3 + 48 + 8, depth: 16, technology: parameters.ram)
        fates = SyncFifo(width: 1 + 48 + 8, depth: fateDepth, technology: parameters.ram)
        // The replay lists take a command a cycle into their own backlog.
        replays = SyncFifo(width: ReplayCommand.width, depth: 16, technology: parameters.ram, bypass: true)
        responseCredits = CreditCounter(credits: responses.capacity)
        reportCredits = CreditCounter(credits: reports.capacity)
        replayCredits = CreditCounter(credits: replays.capacity)
        valid = (0...Self.commitStage).map { _ in Reg(1, init: 0) }
        firstStage = LateChoice(width: PipelineEvent.width, choiceCopies: 2)
        events = (1...Self.commitStage).map { _ in Reg(PipelineEvent.width) }
        sets = (0...Self.commitStage).map { _ in Reg(geometry.setBits) }
        relations = (1..<Self.commitStage).map { _ in Reg(LinkRelation.width) }
        flagsIfAheadSets = (1...4).map { _ in Reg(IDCompare.partWidth) }
        lookahead = DecisionLookahead()
        decisions = (0..<DecisionLookahead.entries).map { _ in Reg(LinkDecisionWord.width) }
        loopWords = (0..<DecisionLookahead.entries).map { _ in Reg(LoopWord.width) }
        waysAtS3 = (0..<LinkTableGeometry.ways).map { _ in Reg(LinkWord.width) }
        waysAtS4 = (0..<LinkTableGeometry.ways).map { _ in Reg(LinkWord.width) }
        flagsAtS4 = (0..<LinkTableGeometry.ways).map { _ in Reg(IDCompare.partWidth) }
        historyWrites = (0..<Self.historyDepth).map { _ in Reg(1, init: 0) }
        historySet = (0..<Self.historyDepth).map { _ in Reg(geometry.setBits) }
        historyWay = (0..<Self.historyDepth).map { _ in Reg(1) }
        historyWord = (0..<Self.historyDepth).map { _ in Reg(LinkWord.width) }
        historyLive = (0..<Self.historyDepth).map { _ in Reg(1) }
        clearSet = Reg(geometry.setBits, init: 0)
    }

    public var moduleName: String { "ttp_link_engine" }

    /// The stage that commits (s6); h1, the first of the history, is the next.
    static let commitStage = 7
    static let historyDepth = 3

    public var body: Logic {
        pick
        reserve
        advance
        relate
        joinKeys
        choosePatches
        patchOnArrival
        compare
        resolve
        tabulate
        decide
        commit
        outputs
    }

    /// How the event in stage `i` (1 ... 6) relates to those ahead.
    func relation(at i: Int) -> Packed<LinkRelation> { Packed(relations[i - 1]) }

    /// The event record of stage `i`.
    func event(_ i: Int) -> Packed<PipelineEvent> {
        Packed(i == 0 ? firstStage.value.bits : events[i - 1].bits)
    }

    /// The link-table set of the event in stage `i`.
    func set(_ i: Int) -> Bits { sets[i].bits }

    /// The key {MAC, vc} of an event record.
    func key(_ e: Packed<PipelineEvent>) -> Bits { cat(e.peerMAC, e.vc) }

    /// Q0: the picker, gated while the table is cleared.
    @LogicBuilder var pick: Logic {
        // While the table is cleared no source is offered, so nothing is picked.
        picker.recValid <== recValid && accepting
        recReady <== picker.recReady
        picker.rec.opcode <== rec.opcode
        picker.rec.vc <== rec.vc
        picker.rec.peerMac <== rec.peerMac
        picker.rec.txId <== rec.txId
        picker.rec.rxId <== rec.rxId
        picker.rec.payloadLength <== rec.payloadLength
        picker.recPayloadDropped <== recPayloadDropped
        picker.recHasPayload <== recHasPayload
        picker.recSet <== recSet
        picker.cmd.valid <== cmd.valid && accepting
        cmd.ready <== picker.cmd.ready
        picker.cmd.op <== cmd.op
        picker.cmd.mac <== cmd.mac
        picker.cmd.vc <== cmd.vc
        connect(picker.host, from: host)
        connect(picker.send, from: send)
        picker.responseRoom <== responseCredits.twoAvailable
        picker.reportRoom <== reportCredits.twoAvailable
        picker.replayRoom <== replayCredits.twoAvailable
        roomAtS0 <== cat(replayCredits.twoAvailable, reportCredits.twoAvailable, responseCredits.twoAvailable)
        valid[0] <== picker.pickValid
        firstStage.pick <== picker.pickLocal
        firstStage.ifPicked <== picker.localPick
        firstStage.ifNot <== picker.recPick
        keyChoiceAtS0.loadCopies(picker.pickLocal)
        keysAtS0[0].loadCopies(key(Packed(picker.recPick.bits)))
        keysAtS0[1].loadCopies(key(Packed(picker.localPick.bits)))
        // The set is chosen before its flop, which addresses the table's
        // RAM with no gate after it: few bits, so few loads on the grant.
        sets[0] <== mux(picker.pickLocal, picker.localPickSet, picker.recPickSet)
    }

    /// s0: the event against the room Q0 saw. It takes a place for each
    /// thing it needs, or, lacking one, is dropped whole and counted (the
    /// counters a cycle later, off this path). Each candidate of Q0 is
    /// judged on its own and the grant's flop picks among the results, so
    /// no credit count waits on the choice of the event.
    @LogicBuilder var reserve: Logic {
        let rec = Room(Packed(firstStage.otherValue.bits), room: roomAtS0.bits)
        let local = Room(Packed(firstStage.pickedValue.bits), room: roomAtS0.bits)
        let picked = firstStage.wasPicked.bits
        let responseBusyNow = mux(picked, local.responseBusy, rec.responseBusy).named("response_busy_s0")
        let reportBusyNow = mux(picked, local.reportBusy, rec.reportBusy).named("report_busy_s0")
        let replayBusyNow = mux(picked, local.replayBusy, rec.replayBusy).named("replay_busy_s0")
        responseCredits.take <== valid[0] && mux(picked, local.takesResponse, rec.takesResponse)
        reportCredits.take <== valid[0] && mux(picked, local.takesReport, rec.takesReport)
        replayCredits.take <== valid[0] && mux(picked, local.takesReplay, rec.takesReplay)
        // Each drop is counted once, for the first place it lacked.
        responseBusy <== valid[0] && responseBusyNow
        reportBusy <== valid[0] && !responseBusyNow && reportBusyNow
        replayBusy <== valid[0] && !responseBusyNow && !reportBusyNow && replayBusyNow
        responseBusyCount.count <== responseBusy
        reportBusyCount.count <== reportBusy
        replayBusyCount.count <== replayBusy
        events[0] <== event(0).with(\.dropped, mux(picked, local.dropped, rec.dropped)).bits
    }

    /// What one candidate of Q0 finds in s0, given the room Q0 saw (bit 0
    /// responses, bit 1 link events, bit 2 replay commands): which place it
    /// lacks, so is dropped, or which places it takes.
    struct Room {
        let responseBusy, reportBusy, replayBusy, dropped, takesResponse, takesReport, takesReplay: Bits

        init(_ e: Packed<PipelineEvent>, room: Bits) {
            responseBusy = e.needsResponse && !room[0]
            reportBusy = e.needsReport && !room[1]
            replayBusy = e.needsReplay && !room[2]
            dropped = responseBusy || reportBusy || replayBusy
            takesResponse = e.needsResponse && !dropped
            takesReport = e.needsReport && !dropped
            takesReplay = e.needsReplay && !dropped
        }
    }

    /// Every event moves one stage a clock: the pipeline never stalls.
    @LogicBuilder var advance: Logic {
        for i in 1...Self.commitStage {
            valid[i] <== valid[i - 1]
            if i > 1 { events[i - 1] <== events[i - 2] }
            sets[i] <== sets[i - 1]
        }
        for i in 2..<relations.count { relations[i] <== relations[i - 1] }
    }
}
