import HDL

/// Drives a TTPoE frame input of a design, e.g. the endpoint's `net_rx`
/// (`<prefix>_tdata/tkeep/tvalid/tready/tlast/tuser`), from a queue of frames.
///
/// A `StreamSource` underneath: beat by beat at the bus width, byte 0 of a
/// frame in `tdata[7:0]` (ENDPOINT.md), a beat held until `tready` takes it,
/// idle cycles when `idle` asks. `tuser` is the bad-FCS flag: 1 on every
/// beat of a frame sent with `badFCS` (the receiver reads it on the last).
public final class TTPNetDriver: CycleAgent {
    private let source: StreamSource

    /// - Parameters:
    ///   - prefix: the input's port prefix.
    ///   - idle: when to leave `tvalid` low although frames are queued.
    public init(_ sim: Simulator, prefix: String = "net_rx", idle: StallGenerator = .never) {
        source = StreamSource(sim, prefix: prefix, idle: idle)
    }

    /// Queues `frame` as `TTPFrame.encode()` lays it out (padded to 64 bytes).
    public func send(_ frame: TTPFrame, badFCS: Bool = false) {
        send(bytes: frame.encode(), badFCS: badFCS)
    }

    /// Queues raw frame bytes (a malformed frame, say).
    public func send(bytes: [UInt8], badFCS: Bool = false) {
        source.send(bytes, user: badFCS ? 1 : 0)
    }

    /// Frames whose last beat the design has taken.
    public var framesSent: Int { source.framesSent }
    /// True when every queued beat has been taken.
    public var isDone: Bool { source.isDone }

    public func drive(_ sim: Simulator) { source.drive(sim) }
    public func observe(_ sim: Simulator) { source.observe(sim) }
}

/// Collects the frames a design sends, e.g. on the endpoint's `net_tx`, and
/// decodes them with `TTPFrame.decode` (any destination accepted), so a test
/// can compare them with the frames a reference model says should go out.
///
/// A `StreamSink` underneath: `tready` low when `backPressure` says so, and
/// the AXI4-Stream rule that a refused beat stays unchanged is checked
/// (`protocolErrors`).
public final class TTPNetCollector: CycleAgent {
    private let sink: StreamSink
    private let etherType: UInt16

    /// - Parameters:
    ///   - prefix: the output's port prefix.
    ///   - backPressure: when to hold `tready` low.
    ///   - etherType: the EtherType the design was built with.
    public init(_ sim: Simulator, prefix: String = "net_tx", backPressure: StallGenerator = .never,
                etherType: UInt16 = TTPFrame.defaultEtherType) {
        sink = StreamSink(sim, prefix: prefix, backPressure: backPressure)
        self.etherType = etherType
    }

    /// Complete frames so far.
    public var count: Int { sink.frames.count }
    /// Frame `index` decoded (cheap to call once a cycle for the newest).
    public func decoded(at index: Int) -> Result<TTPFrame, TTPDropReason> {
        TTPFrame.decode(sink.frames[index].bytes, etherType: etherType, localMAC: nil)
    }

    /// Every complete frame's bytes, in order.
    public var rawFrames: [[UInt8]] { sink.frames.map(\.bytes) }
    /// Every complete frame decoded, or the first receive rule it breaks.
    public var decoded: [Result<TTPFrame, TTPDropReason>] {
        rawFrames.map { TTPFrame.decode($0, etherType: etherType, localMAC: nil) }
    }
    /// The frames that decode, in order (compare `rawFrames.count` to catch the others).
    public var frames: [TTPFrame] { decoded.compactMap { try? $0.get() } }
    /// Cycles in which a beat was offered while `tready` was low.
    public var stalledCycles: Int { sink.stalledCycles }
    /// AXI4-Stream rule breaches seen on the output.
    public var protocolErrors: [String] { sink.protocolErrors }

    public func drive(_ sim: Simulator) { sink.drive(sim) }
    public func observe(_ sim: Simulator) { sink.observe(sim) }
}
