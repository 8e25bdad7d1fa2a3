// Emits one catalog block (TTPHardware's BlockCatalog) for the FPGA bench:
// the block's Verilog, `bench_wrapper.v` around it (BenchWrapper.swift) and
// `bench_wrapper.f`, the block's files then the wrapper's, into --out.
// Prints the block's Verilog module name. bench/fpga/run calls it:
//
//     swift run bench-fpga-emit --block ttp_rx_parser --data-width 512 --out /tmp/x
//
// With --depth it writes nothing and prints the block's LUT depth instead
// (HDL's LogicDepthCheck: yosys synth_ice40, the deepest path between
// registers and ports); bench/fpga/depth calls it that way.
//
// The generator flags are ttp-gen's (GeneratorOptions); --top only names the
// endpoint's top, which no catalog block uses.
import ArgumentParser
import Foundation
import HDL
import TTPGenOptions
import TTPHardware

struct BenchFpgaEmit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-fpga-emit",
        abstract: "Emit a catalog block and its place-and-route wrapper (bench/fpga/run).",
        discussion: "Writes the block's Verilog, \(BenchWrapper.fileName) and \(BenchWrapper.moduleName).f into --out and prints the block's module name.")

    @Option(help: "The block: \(BlockCatalog.names.joined(separator: ", ")).")
    var block: String

    @Flag(help: "Print the block's LUT depth (LogicDepthCheck) instead of writing files.")
    var depth = false

    @Option(help: "With --depth: also list every register or port reached by a path deeper than this many LUT levels.")
    var over: Int?

    @OptionGroup var options: GeneratorOptions

    func validate() throws {
        if !BlockCatalog.names.contains(block) {
            throw ValidationError("--block: " + BlockCatalog.unknownNameMessage(block))
        }
    }

    func run() throws {
        let parameters = try options.parameters()
        guard let module = BlockCatalog.block(named: block, parameters) else { return }
        let design = try VerilogEmitter.emit(module)
        if depth {
            print(try LogicDepthCheck.measure(design))
            if let over {
                for (end, levels) in try LogicDepthCheck.endsDeeper(than: over, in: design) { print("  \(levels)  \(end)") }
            }
            return
        }
        guard design.ports.contains(where: { $0.direction == .output }) else {
            throw ValidationError("\(block) has no outputs: nothing to place and route")
        }
        let directory = URL(fileURLWithPath: options.out)
        let blockFiles = try design.write(to: directory)
        let wrapper = directory.appendingPathComponent(BenchWrapper.fileName)
        try BenchWrapper(design).verilog.write(to: wrapper, atomically: true, encoding: .utf8)
        // Paths as --out was written, like the block's own file list.
        let list = (blockFiles + [wrapper]).map { $0.relativePath + "\n" }.joined()
        try list.write(to: directory.appendingPathComponent("\(BenchWrapper.moduleName).f"),
                       atomically: true, encoding: .utf8)
        print(design.top)
    }
}

BenchFpgaEmit.main()
