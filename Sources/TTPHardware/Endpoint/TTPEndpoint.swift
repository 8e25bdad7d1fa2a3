import HDL

/// `ttp_endpoint`: the TTP endpoint with the ports of ENDPOINT.md. Frames
/// from the MAC go through the RX parser (`ttp_rx_parser`), whose records
/// and the host's link commands go through the link engine
/// (`ttp_link_engine`: link table, Q0-Q3 pipeline, state machine); its
/// responses become frames in the TX builder (`ttp_tx_builder`), and the
/// received payloads reach `host_rx_*` or are discarded in `ttp_rx_delivery`.
///
/// Sending host payloads (`host_tx_*`, the replay memory) is not built yet:
/// `host_tx_tready` is 0, and the endpoint sends only control frames
/// (OPEN, OPEN_ACK, CLOSE, ACK, NACK, ...). Beyond ENDPOINT.md it has
/// status ports: the parser's `drop_*` counters, and `drop_response_busy` /
/// `drop_report_busy` for frames dropped because `net_tx` or `evt_*` was
/// held up (see `EventPicker`).
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

    let parser: RxParser
    let engine: LinkEngine
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

        builder.cfgLocalMac <== cfgLocalMac
        builder.descValid <== engine.descValid
        engine.descReady <== builder.descReady
        drive(builder.desc, from: engine.desc)
        // No payloads to send yet: the builder is only given control frames.
        builder.pay.tvalid <== 0
        builder.pay.tdata <== 0
        builder.pay.tkeep <== 0
        builder.pay.tlast <== 0
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

        hostTx.tready <== 0
    }
}
