import ArgumentParser
import Foundation
import HDL
import TTPGenOptions
import TTPHardware

/// `ttp-gen`: writes the Verilog of a TTP endpoint build into a folder.
struct TTPGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ttp-gen",
        abstract: "Generate the Verilog of a TTPoE hardware endpoint.",
        discussion: "Writes one Verilog file per module and a file list (<top>.f, dependency order) into --out.")

    /// The flags (and their checks) are shared with the FPGA bench's emitter.
    @OptionGroup var options: GeneratorOptions

    func run() throws {
        let parameters = try options.parameters()
        let directory = URL(fileURLWithPath: options.out)
        let written = try EndpointGenerator.write(parameters, to: directory)
        for file in written { print(file.relativePath) }
    }
}

TTPGen.main()
