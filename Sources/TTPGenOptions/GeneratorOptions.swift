import ArgumentParser
import HDL
import TTPHardware

/// The generator flags of ENDPOINT.md, parsed once for every command that
/// builds endpoint hardware (`ttp-gen`, the FPGA bench's emitter), so they
/// all accept the same flags and refuse wrong values with the same messages.
/// Use it as `@OptionGroup var options: GeneratorOptions`.
public struct GeneratorOptions: ParsableArguments {
    @Option(help: "AXI4-Stream data width in bits: 64, 128, 256 or 512.")
    public var dataWidth: Int = 64

    @Option(help: "Number of links held at once (1...4096).")
    public var links: Int = 64

    @Option(help: "Replay memory slots, one payload each (2...65536).")
    public var replaySlots: Int = 256

    @Option(help: "Largest payload in bytes (1...8940).")
    public var maxPayload: Int = 1024

    @Option(help: "EtherType, hexadecimal (0x9AC6) or decimal; at least 0x0600.")
    public var ethertype: String = "0x9AC6"

    @Option(help: "Clock cycles between two timer-scanner steps (default 256).")
    public var timerStep: Int = 256

    @Option(name: .customLong("open-txid"), help: "TxID of the OPENs this endpoint sends, 0...4294967295 (its first PAYLOAD is this + 1).")
    public var openTxID: UInt32 = 1

    @Option(help: ArgumentHelp(
        "Block RAM cells: inferred or ecp5.",
        discussion: "inferred: portable Verilog arrays with an output register, which vendor tools map into their block RAMs. ecp5: Lattice DP16KD cells instantiated with their output register, for yosys and nextpnr, which cannot infer it (without it an ECP5 block-RAM read takes 5.8 ns)."))
    public var ram: String = "inferred"

    @Option(help: "Output folder.")
    public var out: String = "rtl-out"

    @Option(help: "Name of the top module.")
    public var top: String = "ttp_endpoint"

    public init() {}

    /// Every problem at once, one line each (`EndpointParameters.problems`).
    public func validate() throws {
        let problems = try parameters().problems
        if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }
    }

    /// The flags as generator parameters; throws only for an EtherType that
    /// is not a number (range checks are `EndpointParameters.problems`).
    public func parameters() throws -> EndpointParameters {
        var p = EndpointParameters()
        p.dataWidth = dataWidth
        p.links = links
        p.replaySlots = replaySlots
        p.maxPayload = maxPayload
        p.timerStep = timerStep
        p.openTxID = openTxID
        p.topName = top
        guard let type = Self.parseEtherType(ethertype) else {
            throw ValidationError("--ethertype: '\(ethertype)' is not a number; write it as 0x9AC6 or 39622")
        }
        p.etherType = type
        guard let technology = RamTechnology(rawValue: ram) else {
            let allowed = RamTechnology.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--ram: '\(ram)' is not one of \(allowed)")
        }
        p.ram = technology
        return p
    }

    public static func parseEtherType(_ text: String) -> UInt16? {
        let lower = text.lowercased()
        return lower.hasPrefix("0x") ? UInt16(lower.dropFirst(2), radix: 16) : UInt16(lower)
    }
}
