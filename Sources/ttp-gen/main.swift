import ArgumentParser
import Foundation
import HDL
import TTPHardware

/// `ttp-gen`: writes the Verilog of a TTP endpoint build into a folder.
struct TTPGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ttp-gen",
        abstract: "Generate the Verilog of a TTPoE hardware endpoint.",
        discussion: "Writes one Verilog file per module and a file list (<top>.f, dependency order) into --out.")

    @Option(help: "AXI4-Stream data width in bits: 64, 128, 256 or 512.")
    var dataWidth: Int = 64

    @Option(help: "Number of links held at once (1...4096).")
    var links: Int = 64

    @Option(help: "Replay memory slots, one payload each (2...65536).")
    var replaySlots: Int = 256

    @Option(help: "Largest payload in bytes (1...8940).")
    var maxPayload: Int = 1024

    @Option(help: "EtherType, hexadecimal (0x9AC6) or decimal; at least 0x0600.")
    var ethertype: String = "0x9AC6"

    @Option(help: "Clock cycles between two timer-scanner steps (default 256).")
    var timerStep: Int = 256

    @Option(help: "Output folder.")
    var out: String = "rtl-out"

    @Option(help: "Name of the top module.")
    var top: String = "ttp_endpoint"

    func validate() throws {
        let problems = try parameters().problems
        if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }
    }

    func parameters() throws -> EndpointParameters {
        var p = EndpointParameters()
        p.dataWidth = dataWidth
        p.links = links
        p.replaySlots = replaySlots
        p.maxPayload = maxPayload
        p.timerStep = timerStep
        p.topName = top
        guard let type = Self.parseEtherType(ethertype) else {
            throw ValidationError("--ethertype: '\(ethertype)' is not a number; write it as 0x9AC6 or 39622")
        }
        p.etherType = type
        return p
    }

    static func parseEtherType(_ text: String) -> UInt16? {
        let lower = text.lowercased()
        return lower.hasPrefix("0x") ? UInt16(lower.dropFirst(2), radix: 16) : UInt16(lower)
    }

    func run() throws {
        let parameters = try parameters()
        let directory = URL(fileURLWithPath: out)
        let written = try EndpointGenerator.write(parameters, to: directory)
        for file in written { print(file.relativePath) }
    }
}

TTPGen.main()
