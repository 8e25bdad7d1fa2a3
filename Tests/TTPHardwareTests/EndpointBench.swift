import XCTest
import HDL
import TTPHardware
import TTPTestbench

/// A `ttp_endpoint` simulation with agents on every port: frames in on
/// `net_rx`, frames out on `net_tx` (decoded), payloads out on `host_rx`
/// with their peer and vc, link commands on `cmd_*`, link events on `evt_*`.
final class EndpointBench {
    static let localMAC = MACAddress(0x98ED_5C00_0001)

    struct LinkEventRecord: Equatable, CustomStringConvertible {
        var kind: Int, mac: UInt64, vc: UInt8
        var description: String { "evt(kind \(kind), \(MACAddress(mac)), vc \(vc))" }
    }

    struct Delivered: Equatable {
        var bytes: [UInt8], mac: UInt64, vc: UInt8
    }

    let sim: Simulator
    let parameters: EndpointParameters
    let net: TTPNetDriver
    let wire: TTPNetCollector
    let host: StreamSink
    let hostTags: PacketTagMonitor
    let commands: CommandAgent
    let events: EventCollector
    let hostTx: TTPHostPayloadSource
    var agents: [CycleAgent] { [net, wire, host, hostTags, commands, events, hostTx] }

    static func design(_ parameters: EndpointParameters) throws -> EmittedDesign {
        try DesignCache.design("endpoint/\(parameters.dataWidth)/\(parameters.links)/\(parameters.openTxID)/"
                               + "\(parameters.replaySlots)/\(parameters.maxPayload)") {
            TTPEndpoint(parameters)
        }
    }

    init(_ parameters: EndpointParameters = EndpointParameters(), name: String,
         wireStall: StallGenerator = .never, hostStall: StallGenerator = .never, eventStall: StallGenerator = .never,
         recording: Bool = false) throws {
        self.parameters = parameters
        sim = try Simulator(design: try Self.design(parameters), name: name)
        net = TTPNetDriver(sim, prefix: "net_rx")
        wire = TTPNetCollector(sim, prefix: "net_tx", backPressure: wireStall, etherType: parameters.etherType)
        host = StreamSink(sim, prefix: "host_rx", backPressure: hostStall)
        hostTags = PacketTagMonitor(sim)
        commands = CommandAgent(sim)
        events = EventCollector(sim, stall: eventStall)
        hostTx = TTPHostPayloadSource(sim, dataWidth: parameters.dataWidth)
        if recording { sim.startRecording() }
        sim.set("cfg_local_mac", Self.localMAC.uint64)
        sim.reset()
        // The link table is cleared after reset, one set a clock.
        sim.step(LinkTableGeometry(links: parameters.links).sets + 2, agents: agents)
    }

    func send(_ frame: TTPFrame, badFCS: Bool = false) {
        net.send(frame, badFCS: badFCS)
    }

    /// Frames the endpoint sent, decoded; each must be exactly what WIRE-FORMAT.md lays out.
    var sent: [TTPFrame] {
        let frames = wire.frames
        XCTAssertEqual(frames.count, wire.rawFrames.count, "a net_tx frame does not decode")
        for (frame, raw) in zip(frames, wire.rawFrames) where frame.encode() != raw {
            XCTFail("net_tx frame \(frame) is not byte-exact: \(raw)")
        }
        return frames
    }

    var delivered: [Delivered] {
        zip(host.frames, hostTags.tags).map { Delivered(bytes: $0.bytes, mac: $1.mac, vc: $1.vc) }
    }

    /// Runs until the input is in and nothing has come out for `quiet` cycles.
    func drain(quiet: Int = 60, timeout: Int = 200_000) {
        var silent = 0, counts = (0, 0, 0)
        for _ in 0..<timeout {
            sim.step(agents: agents)
            let now = (wire.rawFrames.count, host.beatsReceived, events.records.count)
            silent = net.isDone && commands.isDone && hostTx.isDone && now == counts ? silent + 1 : 0
            counts = now
            if silent >= quiet { return }
        }
        XCTFail("the endpoint did not go quiet in \(timeout) cycles")
    }
}

/// Sends link commands from a queue on `cmd_*`, each held until taken.
final class CommandAgent: CycleAgent {
    private let valid, ready, op, mac, vc: PortHandle
    private var queue: [(op: Int, mac: UInt64, vc: UInt8)] = []
    private(set) var takenCycles: [Int] = []

    init(_ sim: Simulator) {
        (valid, ready, op) = (sim.port("cmd_valid"), sim.port("cmd_ready"), sim.port("cmd_op"))
        (mac, vc) = (sim.port("cmd_mac"), sim.port("cmd_vc"))
    }

    func send(op: Int, mac: UInt64, vc: UInt8) { queue.append((op, mac, vc)) }
    var isDone: Bool { queue.isEmpty }

    func drive(_ sim: Simulator) {
        sim.set(valid, queue.isEmpty ? 0 : 1)
        if let head = queue.first {
            sim.set(op, UInt64(head.op))
            sim.set(mac, head.mac)
            sim.set(vc, UInt64(head.vc))
        }
    }

    func observe(_ sim: Simulator) {
        if !queue.isEmpty, sim.get(ready) == 1 {
            queue.removeFirst()
            takenCycles.append(sim.cycle)
        }
    }
}

/// Takes link events from `evt_*` (with optional back-pressure).
final class EventCollector: CycleAgent {
    private let valid, ready, kind, mac, vc: PortHandle
    private var stall: StallGenerator
    private var takes = true
    private(set) var records: [EndpointBench.LinkEventRecord] = []

    init(_ sim: Simulator, stall: StallGenerator = .never) {
        (valid, ready, kind) = (sim.port("evt_valid"), sim.port("evt_ready"), sim.port("evt_kind"))
        (mac, vc) = (sim.port("evt_mac"), sim.port("evt_vc"))
        self.stall = stall
    }

    func drive(_ sim: Simulator) {
        takes = !stall.next()
        sim.set(ready, takes ? 1 : 0)
    }

    func observe(_ sim: Simulator) {
        guard takes, sim.get(valid) == 1 else { return }
        records.append(.init(kind: Int(sim.get(kind)), mac: sim.get(mac), vc: UInt8(sim.get(vc))))
    }
}

/// The peer and vc of each payload on `host_rx`, taken at its last beat.
final class PacketTagMonitor: CycleAgent {
    private let valid, ready, last, mac, vc: PortHandle
    private(set) var tags: [(mac: UInt64, vc: UInt8)] = []

    init(_ sim: Simulator) {
        (valid, ready, last) = (sim.port("host_rx_tvalid"), sim.port("host_rx_tready"), sim.port("host_rx_tlast"))
        (mac, vc) = (sim.port("host_rx_src_mac"), sim.port("host_rx_vc"))
    }

    func drive(_ sim: Simulator) {}

    func observe(_ sim: Simulator) {
        if sim.get(valid) == 1, sim.get(ready) == 1, sim.get(last) == 1 {
            tags.append((sim.get(mac), UInt8(sim.get(vc))))
        }
    }
}
