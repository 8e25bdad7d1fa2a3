import HDL

/// `ttp_rx_delivery`: hands received payloads to the host or discards them,
/// as the link engine decided, one fate per payload in payload order. A
/// delivered payload goes out on `host_rx_*` with its peer and vc on every
/// beat, through a `SkidBuffer`, so `host_rx_tready` reaches the payload
/// buffer only through flops. A discarded one is drained at a beat a clock.
/// The fates arrive through a `SkidBuffer` too, so each beat's move is
/// decided from flops alone (the fate queue's output is a mux of its ring).
public final class RxDelivery: Module {
    public let pay: AxiStreamIn
    public let fateValid = Input(1)
    public let fateReady = Output(1)
    public let fateDeliver = Input(1)
    public let fateMac = Input(48)
    public let fateVc = Input(8)

    public let hostRx: AxiStreamOut
    public let hostRxSrcMac = Output(48)
    public let hostRxVc = Output(8)

    let slice: SkidBuffer
    /// The fate ahead: deliver, MAC, vc.
    let fates = SkidBuffer(width: 1 + 48 + 8)
    let dataWidth: Int

    public init(dataWidth: Int) {
        self.dataWidth = dataWidth
        pay = AxiStreamIn(dataWidth: dataWidth)
        hostRx = AxiStreamOut(dataWidth: dataWidth)
        slice = SkidBuffer(width: dataWidth + dataWidth / 8 + 1 + 56)
    }

    public var moduleName: String { "ttp_rx_delivery" }

    public var body: Logic {
        fates.in.valid <== fateValid
        fateReady <== fates.in.ready
        fates.in.data <== cat(fateDeliver, fateMac, fateVc)
        let fate = fates.out.data, deliver = fate.msb
        // A beat moves when its payload's fate is known and, if delivered, the slice has room.
        let room = (!deliver || slice.in.ready).named("room")
        let moves = (fates.out.valid && pay.tvalid && room).named("moves")
        pay.tready <== fates.out.valid && room
        fates.out.ready <== moves && pay.tlast
        slice.in.valid <== moves && deliver
        slice.in.data <== cat(pay.tdata, pay.tkeep, pay.tlast, fate.bits(55, 0))
        let out = slice.out.data
        let keepBits = dataWidth / 8
        hostRx.tvalid <== slice.out.valid
        slice.out.ready <== hostRx.tready
        hostRx.tdata <== out.bits(out.width - 1, out.width - dataWidth)
        hostRx.tkeep <== out.bits(56 + keepBits, 57)
        hostRx.tlast <== out[56]
        hostRxSrcMac <== out.bits(55, 8)
        hostRxVc <== out.bits(7, 0)
    }
}
