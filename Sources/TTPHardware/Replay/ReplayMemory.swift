import HDL

/// `ttp_replay_memory`: the slots that hold every payload the host hands
/// over until the peer acknowledges it, and the way in and out of them.
///
/// - In: `HostTxIngest` takes `host_tx_*` into the slot the `FreeList`
///   offers (`host_tx_tready` is low exactly while no slot is free or the
///   record queue is full) and gives one record per payload (`rec_*`: peer,
///   vc, slot, length) to the link engine, which appends the slot to its
///   link's list.
/// - Out: the engine's frame requests (`req_*`: a descriptor and, for a
///   PAYLOAD, its slot; control frames have length 0) go through
///   `PayloadSender`, which reads the slot's beats from the `PayloadStore`
///   and feeds the TX builder (`desc_*`, `pay_*`). A slot can be sent any
///   number of times: sending does not free it. A slot must not be
///   retired while a frame of it is still being read out.
/// - Retire: `retire` gives `retire_slot` back to the free list (the
///   engine's walker, once the peer acknowledged it). `slots_free` counts
///   the free slots, for status and the tests' invariant
///   free + in use = `--replay-slots`.
public final class ReplayMemory: Module {
    public let hostTx: AxiStreamIn
    public let hostTxDestMac = Input(48)
    public let hostTxVc = Input(8)

    public let rec: PayloadRecordPorts<Output, Input>

    public let reqValid = Input(1)
    public let reqReady = Output(1)
    public let req = FrameHeaderPorts<Input>()
    public let reqSlot: Input

    public let retire = Input(1)
    public let retireSlot: Input
    public let slotsFree: Output

    public let descValid = Output(1)
    public let descReady = Input(1)
    public let desc = FrameHeaderPorts<Output>()
    public let pay: AxiStreamOut

    public let dropOversize = Output(32)
    public let dropMalformed = Output(32)

    let pool: FreeList
    let store: PayloadStore
    let ingest: HostTxIngest
    let sender: PayloadSender

    public let geometry: ReplayGeometry

    public init(_ parameters: EndpointParameters) {
        let g = ReplayGeometry(parameters)
        geometry = g
        hostTx = AxiStreamIn(dataWidth: parameters.dataWidth)
        pay = AxiStreamOut(dataWidth: parameters.dataWidth)
        rec = PayloadRecordPorts(slotBits: g.slotBits)
        reqSlot = Input(g.slotBits)
        retireSlot = Input(g.slotBits)
        pool = FreeList(count: g.slots, technology: parameters.ram)
        slotsFree = Output(pool.free.width)
        store = PayloadStore(parameters)
        ingest = HostTxIngest(parameters)
        sender = PayloadSender(parameters)
    }

    public var moduleName: String { "ttp_replay_memory" }

    public var body: Logic {
        takeIn
        sendOut
        pool.give <== retire
        pool.givePlace <== retireSlot
        slotsFree <== pool.free
    }

    @LogicBuilder var takeIn: Logic {
        connect(ingest.hostTx, from: hostTx)
        ingest.hostTxDestMac <== hostTxDestMac
        ingest.hostTxVc <== hostTxVc
        ingest.slotOffer <== pool.offer
        ingest.slotAvailable <== pool.available
        pool.take <== ingest.slotTake
        store.writeEnable <== ingest.writeEnable
        store.writeSlot <== ingest.writeSlot
        store.writeBeat <== ingest.writeBeat
        store.writeData <== ingest.writeData
        connect(rec, from: ingest.rec)
        dropOversize <== ingest.dropOversize
        dropMalformed <== ingest.dropMalformed
    }

    @LogicBuilder var sendOut: Logic {
        sender.reqValid <== reqValid
        reqReady <== sender.reqReady
        drive(sender.req, from: req)
        sender.reqSlot <== reqSlot
        store.readSlot <== sender.readSlot
        store.readBeat <== sender.readBeat
        sender.readData <== store.readData
        descValid <== sender.descValid
        sender.descReady <== descReady
        drive(desc, from: sender.desc)
        connect(pay, from: sender.pay)
    }
}
