/// Drives a design's AXI4-Stream input `<prefix>_tdata/tkeep/tvalid/tlast/tuser`
/// from a queue of frames, reading `<prefix>_tready`.
///
/// Each cycle (see `CycleAgent`): with no beat on offer, it takes the next
/// one unless the idle generator asks for a gap; an offered beat stays,
/// unchanged, until the design accepts it (`tvalid && tready` before an
/// edge), as AXI4-Stream requires.
public final class StreamSource: CycleAgent {
    private struct Beat {
        let data: BitVector
        let keep: BitVector
        let last: Bool
        let user: UInt64
    }

    private let ports: StreamPorts
    private var idle: StallGenerator
    private var queue: [Beat] = []
    private var queueHead = 0
    private var offered: Beat?

    /// Beats and frames the design has accepted.
    public private(set) var beatsSent = 0
    public private(set) var framesSent = 0

    /// - Parameters:
    ///   - prefix: the stream's port prefix, e.g. `s_axis`.
    ///   - idle: when to leave `tvalid` low although data is queued.
    public init(_ sim: Simulator, prefix: String, idle: StallGenerator = .never) {
        self.ports = StreamPorts(sim, prefix: prefix)
        self.idle = idle
    }

    /// Queues a frame (at least one byte).
    public func send(_ frame: StreamFrame) {
        precondition(!frame.bytes.isEmpty, "an AXI4-Stream frame carries at least one byte")
        precondition(
            ports.tkeep != nil || frame.bytes.count % ports.bytesPerBeat == 0,
            "without tkeep, a frame must be a whole number of \(ports.bytesPerBeat)-byte beats")
        if let tuser = ports.tuser {
            precondition(tuser.width >= 64 || frame.user >> UInt64(tuser.width) == 0, "user \(frame.user) does not fit tuser")
        }
        let chunks = stride(from: 0, to: frame.bytes.count, by: ports.bytesPerBeat).map {
            Array(frame.bytes[$0..<min($0 + ports.bytesPerBeat, frame.bytes.count)])
        }
        for (index, chunk) in chunks.enumerated() {
            var keep = BitVector(width: ports.bytesPerBeat)
            for byte in 0..<chunk.count { keep[bit: byte] = true }
            queue.append(Beat(
                data: BitVector(bytesLittleEndian: chunk, width: ports.tdata.width), keep: keep,
                last: index == chunks.count - 1, user: frame.user))
        }
    }

    /// Queues a frame of `bytes`.
    public func send(_ bytes: [UInt8], user: UInt64 = 0) { send(StreamFrame(bytes, user: user)) }

    /// True when every queued beat has been accepted.
    public var isDone: Bool { offered == nil && queueHead == queue.count }

    public func drive(_ sim: Simulator) {
        if offered == nil, queueHead < queue.count, !idle.next() {
            offered = queue[queueHead]
            queueHead += 1
        }
        let beat = offered
        sim.set(ports.tvalid, beat == nil ? 0 : 1)
        sim.set(ports.tdata, beat?.data ?? BitVector(width: ports.tdata.width))
        if let tkeep = ports.tkeep { sim.set(tkeep, beat?.keep ?? BitVector(width: tkeep.width)) }
        if let tlast = ports.tlast { sim.set(tlast, beat?.last == true ? 1 : 0) }
        if let tuser = ports.tuser { sim.set(tuser, beat?.user ?? 0) }
    }

    public func observe(_ sim: Simulator) {
        guard let beat = offered, sim.get(ports.tready) == 1 else { return }
        offered = nil
        beatsSent += 1
        if beat.last { framesSent += 1 }
        if queueHead == queue.count {  // drained: let the array shrink
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        }
    }
}
