import HDL

/// `ttp_endpoint`: the TTP endpoint with the ports of ENDPOINT.md. Frames
/// from the MAC go through the RX parser (`ttp_rx_parser`), whose records
/// and the host's link commands go through the link engine
/// (`ttp_link_engine`: link table, Q0-Q3 pipeline, state machine); the
/// received payloads reach `host_rx_*` or are discarded in `ttp_rx_delivery`.
///
/// Host payloads (`host_tx_*`) go into slots of the replay memory
/// (`ttp_replay_memory`), which gives a record of each to the engine; the
/// engine appends it to its link's list in `ttp_replay_lists` (opening the
/// link if need be), which sends the link's PAYLOADs back through the
/// engine in order, and retires them as ACKs come (resending from a NACK).
/// The engine's frames (control frames and PAYLOADs) go through the replay
/// memory's sender, which reads a PAYLOAD's slot, to the TX builder
/// (`ttp_tx_builder`).
///
/// Beyond ENDPOINT.md it has status ports: the parser's `drop_*`
/// counters; `drop_response_busy` / `drop_report_busy` /
/// `drop_replay_busy` for frames dropped because `net_tx`, `evt_*` or the
/// replay lists were held up (see `EventPicker`); `drop_tx_oversize` /
/// `drop_tx_malformed` for host payloads refused at the bus
/// (`HostTxIngest`), `drop_tx_refused` for those refused by their link
/// (closing, or no way to open it), `drop_tx_flushed` for payloads freed
/// unacknowledged when their link closed or failed; `slots_free`.
public final class TTPEndpoint: Module {
    public let cfgLocalMac = Input(48)

    public let netRx: AxiStreamIn
    public let netRxTuser = Input(1)
    public let netTx: AxiStreamOut

    public let hostTx: AxiStreamIn
    public let hostTxDestMac = Input(48)
    public let hostTxVc = Input(8)
    public let hostRx: AxiStreamOut
    public let hostRxSrcMac = Output(48)
    public let hostRxVc = Output(8)

    public let cmd = LinkCommandPorts<Input, Output>()
    public let evt = LinkEventPorts<Output, Input>()

    public let drop = DropCounts()
    public let dropResponseBusy = Output(32)
    public let dropReportBusy = Output(32)
    public let dropReplayBusy = Output(32)
    public let dropTxOversize = Output(32)
    public let dropTxMalformed = Output(32)
    public let dropTxRefused = Output(32)
    public let dropTxFlushed = Output(32)
    public let slotsFree: Output

    let parser: RxParser
    let engine: LinkEngine
    let replayMemory: ReplayMemory
    let replayLists: ReplayLists
    let builder: TxBuilder
    let delivery: RxDelivery

    public let parameters: EndpointParameters

    public init(_ parameters: EndpointParameters = EndpointParameters()) {
        precondition(parameters.problems.isEmpty, parameters.problems.joined(separator: "; "))
        self.parameters = parameters
        let width = parameters.dataWidth
        netRx = AxiStreamIn(dataWidth: width)
        netTx = AxiStreamOut(dataWidth: width)
        hostTx = AxiStreamIn(dataWidth: width)
        hostRx = AxiStreamOut(dataWidth: width)
        parser = RxParser(parameters)
        engine = LinkEngine(parameters, fateDepth: parser.payloadBufferEntries)
        replayMemory = ReplayMemory(parameters)
        replayLists = ReplayLists(parameters)
        slotsFree = Output(replayMemory.slotsFree.width)
        builder = TxBuilder(parameters)
        delivery = RxDelivery(dataWidth: width)
    }

    public var moduleName: String { parameters.topName }

    /// Cycles from a PAYLOAD's last beat on `net_rx` to the first beat of its
    /// ACK on `net_tx` when nothing else is in flight: the parser's decision
    /// (3), the record FIFO's bypass (1), Q0 ... Q3 with the engine's
    /// retiming stages (9), the response FIFO's bypass (1), the TX builder (2).
    public static let ackLatency = 16

    public var body: Logic {
        parser.cfgLocalMac <== cfgLocalMac
        connect(parser.netRx, from: netRx)
        parser.netRxTuser <== netRxTuser
        drive(drop, from: parser.drop)

        engine.recValid <== parser.hdrValid
        parser.hdrReady <== engine.recReady
        drive(engine.rec, from: parser.hdr)
        engine.recPayloadDropped <== parser.hdrPayloadDropped
        engine.recHasPayload <== parser.hdrHasPayload
        engine.recSet <== parser.hdrSet
        connect(engine.cmd, from: cmd)
        connect(evt, from: engine.evt)
        dropResponseBusy <== engine.dropResponseBusy
        dropReportBusy <== engine.dropReportBusy

        sending
        builder.cfgLocalMac <== cfgLocalMac
        builder.descValid <== replayMemory.descValid
        replayMemory.descReady <== builder.descReady
        drive(builder.desc, from: replayMemory.desc)
        connect(builder.pay, from: replayMemory.pay)
        connect(netTx, from: builder.netTx)

        connect(delivery.pay, from: parser.pay)
        delivery.fateValid <== engine.fateValid
        engine.fateReady <== delivery.fateReady
        delivery.fateDeliver <== engine.fateDeliver
        delivery.fateMac <== engine.fateMac
        delivery.fateVc <== engine.fateVc
        connect(hostRx, from: delivery.hostRx)
        hostRxSrcMac <== delivery.hostRxSrcMac
        hostRxVc <== delivery.hostRxVc
    }

    /// Host payloads into replay slots, their records into the engine, the
    /// engine's commands to the lists, the lists' sends back into the
    /// engine, the engine's frames through the slots' sender.
    @LogicBuilder var sending: Logic {
        connect(replayMemory.hostTx, from: hostTx)
        replayMemory.hostTxDestMac <== hostTxDestMac
        replayMemory.hostTxVc <== hostTxVc
        connect(engine.host, from: replayMemory.rec)
        replayLists.commandValid <== engine.replayValid
        engine.replayReady <== replayLists.commandReady
        replayLists.command <== engine.replayCommand
        connect(engine.send, from: replayLists.send)
        replayMemory.retire <== replayLists.retire
        replayMemory.retireSlot <== replayLists.retireSlot
        replayMemory.reqValid <== engine.descValid
        engine.descReady <== replayMemory.reqReady
        drive(replayMemory.req, from: engine.desc)
        replayMemory.reqSlot <== engine.descSlot
        dropReplayBusy <== engine.dropReplayBusy
        dropTxOversize <== replayMemory.dropOversize
        dropTxMalformed <== replayMemory.dropMalformed
        dropTxRefused <== replayLists.dropRefused
        dropTxFlushed <== replayLists.dropFlushed
        slotsFree <== replayMemory.slotsFree
    }
}
