import XCTest
import HDL
import TTPHardware
import TTPTestbench

/// A `ttp_link_engine` simulation driven at its own ports: frame records on
/// `rec_*` (as the RX parser would give them) and commands on `cmd_*`, both
/// offered every cycle they have something; responses (`desc_*`), link
/// events (`evt_*`) and payload fates (`fate_*`) collected. The order the
/// engine took its inputs in is kept, so a reference model can be fed the
/// same sequence.
///
/// It stands in for the replay lists of a link with nothing to send: it
/// takes every replay command, and answers a "close wanted" (a close
/// command on an OPEN link) with the drained close the lists would give
/// (`send_close`), which the engine turns into CLOSE.
final class EngineBench {
    enum Input {
        case frame(TTPFrame, stored: Bool)
        case command(open: Bool, mac: MACAddress, vc: UInt8)
        case drainedClose(mac: MACAddress, vc: UInt8)
    }

    struct Output: Equatable, CustomStringConvertible {
        var opcode: Int, vc: UInt8, mac: UInt64, tx: UInt32, rx: UInt32
        var description: String {
            "\(TTPOpcode(rawValue: UInt8(opcode))?.mnemonic ?? "?\(opcode)") to \(MACAddress(mac)) vc \(vc) tx=\(tx) rx=\(rx)"
        }
    }

    let sim: Simulator
    let parameters: EndpointParameters
    private var frames: [(TTPFrame, Bool)] = []
    private var frameHead = 0
    private var commands: [(Bool, MACAddress, UInt8)] = []
    private var commandHead = 0
    /// Inputs in the order the engine took them, with the cycle.
    private(set) var taken: [(input: Input, cycle: Int)] = []
    private(set) var responses: [Output] = []
    private(set) var responseCycles: [Int] = []
    private(set) var events: [EndpointBench.LinkEventRecord] = []
    private(set) var fates: [(deliver: Bool, mac: UInt64, vc: UInt8)] = []
    var descStall = StallGenerator.never
    var evtStall = StallGenerator.never

    private let recValid, recReady, recOpcode, recVc, recMac, recTx, recRx, recLength, recDropped, recSet: PortHandle
    private let recHasPayload: PortHandle
    private let cmdValid, cmdReady, cmdOp, cmdMac, cmdVc: PortHandle
    private let descValid, descReady, descOpcode, descVc, descMac, descTx, descRx: PortHandle
    private let evtValid, evtReady, evtKind, evtMac, evtVc: PortHandle
    private let fateValid, fateReady, fateDeliver, fateMac, fateVc: PortHandle
    private let replayReady, replayValid, replayCommand: PortHandle
    private let sendValid, sendReady, sendClose, sendMac, sendVc: PortHandle
    /// Drained closes the stand-in owes the engine, oldest first.
    private var drained: [(MACAddress, UInt8)] = []

    static func design(_ parameters: EndpointParameters) throws -> EmittedDesign {
        try DesignCache.design("engine/\(parameters.links)/\(parameters.openTxID)") { LinkEngine(parameters) }
    }

    init(_ parameters: EndpointParameters = EndpointParameters(), name: String, recording: Bool = false) throws {
        self.parameters = parameters
        sim = try Simulator(design: try Self.design(parameters), name: name)
        let p = sim.port
        (recValid, recReady, recOpcode, recVc) = (p("rec_valid"), p("rec_ready"), p("rec_opcode"), p("rec_vc"))
        (recMac, recTx, recRx, recLength) = (p("rec_peer_mac"), p("rec_tx_id"), p("rec_rx_id"), p("rec_payload_length"))
        (recDropped, recSet, recHasPayload) = (p("rec_payload_dropped"), p("rec_set"), p("rec_has_payload"))
        (cmdValid, cmdReady, cmdOp, cmdMac, cmdVc) = (p("cmd_valid"), p("cmd_ready"), p("cmd_op"), p("cmd_mac"), p("cmd_vc"))
        (descValid, descReady, descOpcode, descVc) = (p("desc_valid"), p("desc_ready"), p("desc_opcode"), p("desc_vc"))
        (descMac, descTx, descRx) = (p("desc_peer_mac"), p("desc_tx_id"), p("desc_rx_id"))
        (evtValid, evtReady, evtKind, evtMac, evtVc) = (p("evt_valid"), p("evt_ready"), p("evt_kind"), p("evt_mac"), p("evt_vc"))
        (fateValid, fateReady, fateDeliver) = (p("fate_valid"), p("fate_ready"), p("fate_deliver"))
        (fateMac, fateVc) = (p("fate_mac"), p("fate_vc"))
        (replayReady, replayValid, replayCommand) = (p("replay_ready"), p("replay_valid"), p("replay_command"))
        (sendValid, sendReady, sendClose, sendMac, sendVc) = (p("send_valid"), p("send_ready"), p("send_close"),
                                                              p("send_mac"), p("send_vc"))
        if recording { sim.startRecording() }
        sim.set(recValid, 0)
        sim.set(cmdValid, 0)
        sim.reset()
        sim.step(LinkTableGeometry(links: parameters.links).sets + 2)
    }

    func send(_ frame: TTPFrame, stored: Bool = true) { frames.append((frame, stored)) }
    func command(open: Bool, mac: MACAddress, vc: UInt8) { commands.append((open, mac, vc)) }

    var inputsLeft: Int { frames.count - frameHead + commands.count - commandHead + drained.count }

    /// A "close wanted" command owes a drained close.
    private func observeReplay() {
        let word = sim.getBits(replayCommand)
        func field(_ key: WritableKeyPath<ReplayCommand, Field>) -> UInt64 {
            let f = ReplayCommand.field(key)
            return word.slice(f.lsb + f.width - 1, f.lsb).low64
        }
        guard field(\.kind) == UInt64(ReplayCommandKind.closeWanted.rawValue) else { return }
        drained.append((MACAddress(field(\.peerMAC)), UInt8(field(\.vc))))
    }

    /// One clock: offer the next inputs, take the outputs.
    func cycle() {
        let frame = frameHead < frames.count ? frames[frameHead] : nil
        sim.set(recValid, frame == nil ? 0 : 1)
        if let (f, stored) = frame {
            sim.set(recOpcode, UInt64(f.opcode.rawValue))
            sim.set(recVc, UInt64(f.vc))
            sim.set(recMac, f.source.uint64)
            sim.set(recTx, UInt64(f.txID))
            sim.set(recRx, UInt64(f.rxID))
            sim.set(recLength, UInt64(f.payload.count))
            sim.set(recDropped, stored ? 0 : 1)
            sim.set(recHasPayload, stored && !f.payload.isEmpty ? 1 : 0)
            sim.set(recSet, UInt64(LinkTableGeometry(links: parameters.links).set(mac: f.source.uint64, vc: f.vc)))
        }
        let command = commandHead < commands.count ? commands[commandHead] : nil
        sim.set(cmdValid, command == nil ? 0 : 1)
        if let (open, mac, vc) = command {
            sim.set(cmdOp, open ? 0 : 1)
            sim.set(cmdMac, mac.uint64)
            sim.set(cmdVc, UInt64(vc))
        }
        let close = drained.first
        sim.set(sendValid, close == nil ? 0 : 1)
        sim.set(sendClose, 1)
        if let (mac, vc) = close {
            sim.set(sendMac, mac.uint64)
            sim.set(sendVc, UInt64(vc))
        }
        let takeDesc = !descStall.next(), takeEvt = !evtStall.next()
        sim.set(descReady, takeDesc ? 1 : 0)
        sim.set(evtReady, takeEvt ? 1 : 0)
        sim.set(fateReady, 1)
        // The replay lists' stand-in takes every command (this bench sends no host payloads).
        sim.set(replayReady, 1)
        if let (mac, vc) = close, sim.get(sendReady) == 1 {
            taken.append((.drainedClose(mac: mac, vc: vc), sim.cycle))
            drained.removeFirst()
        }
        if sim.get(replayValid) == 1 { observeReplay() }
        if let (f, stored) = frame, sim.get(recReady) == 1 {
            taken.append((.frame(f, stored: stored), sim.cycle))
            frameHead += 1
        }
        if let (open, mac, vc) = command, sim.get(cmdReady) == 1 {
            taken.append((.command(open: open, mac: mac, vc: vc), sim.cycle))
            commandHead += 1
        }
        if takeDesc, sim.get(descValid) == 1 {
            responses.append(Output(opcode: Int(sim.get(descOpcode)), vc: UInt8(sim.get(descVc)), mac: sim.get(descMac),
                                    tx: UInt32(sim.get(descTx)), rx: UInt32(sim.get(descRx))))
            responseCycles.append(sim.cycle)
        }
        if takeEvt, sim.get(evtValid) == 1 {
            events.append(.init(kind: Int(sim.get(evtKind)), mac: sim.get(evtMac), vc: UInt8(sim.get(evtVc))))
        }
        if sim.get(fateValid) == 1 {
            fates.append((sim.get(fateDeliver) == 1, sim.get(fateMac), UInt8(sim.get(fateVc))))
        }
        sim.step()
    }

    /// Runs until every input is taken and the outputs have drained.
    func run(timeout: Int = 1_000_000) {
        var cycles = 0
        while inputsLeft > 0 && cycles < timeout { cycle(); cycles += 1 }
        for _ in 0..<40 { cycle() }
        XCTAssertEqual(inputsLeft, 0, "inputs left after \(timeout) cycles")
    }

    /// What the model says for the inputs in the order the engine took them.
    func expected(_ model: inout TTPEndpointModel) -> (responses: [Output], events: [EndpointBench.LinkEventRecord],
                                                      fates: [(deliver: Bool, mac: UInt64, vc: UInt8)], sources: [Int]) {
        var responses: [Output] = [], events: [EndpointBench.LinkEventRecord] = [], sources: [Int] = []
        var fates: [(Bool, UInt64, UInt8)] = []
        for (index, (input, _)) in taken.enumerated() {
            let outcome = Self.outcome(of: input, &model)
            // Every payload that reached the RX buffer gets a fate, whatever the opcode.
            if case .frame(let frame, let stored) = input, stored && !frame.payload.isEmpty {
                fates.append((outcome.deliver, frame.source.uint64, frame.vc))
            }
            if let r = outcome.response {
                responses.append(Output(opcode: Int(r.opcode.rawValue), vc: r.vc, mac: r.destination.uint64,
                                        tx: r.txID, rx: r.rxID))
                sources.append(index)
            }
            if let kind = outcome.event {
                events.append(.init(kind: Int(kind.rawValue), mac: outcome.mac.uint64, vc: outcome.vc))
            }
        }
        return (responses, events, fates, sources)
    }

    /// What the model says for one input the engine took.
    static func outcome(of input: Input, _ model: inout TTPEndpointModel) -> TTPLinkOutcome {
        switch input {
        case .frame(let frame, let stored):
            return model.receive(frame, stored: stored)
        case .command(let open, let mac, let vc):
            // A close on an OPEN link waits for its drained close.
            return !open && model.link(mac: mac, vc: vc)?.state == .open
                ? .unchanged(mac: mac, vc: vc) : model.command(open: open, mac: mac, vc: vc)
        case .drainedClose(let mac, let vc):
            // The close goes out now, unless the link closed meanwhile.
            return model.link(mac: mac, vc: vc) == nil
                ? .unchanged(mac: mac, vc: vc) : model.command(open: false, mac: mac, vc: vc)
        }
    }
}
