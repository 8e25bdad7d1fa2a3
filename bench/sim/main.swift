// Simulation speed: drives a ~1,000-flop design from Swift, per cycle (set
// inputs, step, read outputs: the loop a test runs) and in batch (step(N) in
// C++), and prints cycles per second. Run in release:
//
//     swift run -c release --scratch-path .build-sim bench-sim
//
// The design is hand-written Verilog until HDLExamples has one of this size;
// it can move to the DSL then. Results go to BENCHMARKS.md, "Simulation speed".
import Foundation
import HDL
import HDLExamples

/// 32 registers of 32 bits (1,024 flops): a chain in which each stage mixes
/// its own value with the previous stage's, plus a combinational XOR of all.
let chainVerilog = """
    `resetall
    `timescale 1ns / 1ps
    `default_nettype none

    module bench_chain (
        input  wire        clk,
        input  wire        rst,
        input  wire        en,
        input  wire [31:0] din,
        output wire [31:0] dout,
        output wire [31:0] checksum
    );
        reg [31:0] stage_reg [0:31];
        reg [31:0] fold;
        integer i;
        always @(posedge clk) begin
            if (en) begin
                stage_reg[0] <= stage_reg[0] + din;
                for (i = 1; i < 32; i = i + 1)
                    stage_reg[i] <= stage_reg[i - 1] + {stage_reg[i][30:0], stage_reg[i][31]};
            end
            if (rst)
                for (i = 0; i < 32; i = i + 1) stage_reg[i] <= 32'd0;
        end
        always @* begin
            fold = 32'd0;
            for (i = 0; i < 32; i = i + 1) fold = fold ^ stage_reg[i];
        end
        assign dout = stage_reg[31];
        assign checksum = fold;
    endmodule

    `resetall

    """

let chain = EmittedDesign(
    top: "bench_chain",
    files: [VerilogFile(name: "bench_chain.v", text: chainVerilog)],
    ports: [
        PortInfo(name: "clk", width: 1, direction: .input), PortInfo(name: "rst", width: 1, direction: .input),
        PortInfo(name: "en", width: 1, direction: .input), PortInfo(name: "din", width: 32, direction: .input),
        PortInfo(name: "dout", width: 32, direction: .output), PortInfo(name: "checksum", width: 32, direction: .output),
    ])

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func rate(_ cycles: Int, _ time: Double) -> String {
    String(format: "%.2f M cycles/s (%.0f ns/cycle)", Double(cycles) / time / 1e6, time / Double(cycles) * 1e9)
}

/// Three inputs set, one step, two outputs read per cycle, all from Swift
/// through port handles (a function, so `sim` is a local, not a global).
func perCycleRun(_ sim: Simulator, cycles: Int) -> (seconds: Double, sink: UInt64) {
    let en = sim.port("en"), din = sim.port("din"), rst = sim.port("rst")
    let dout = sim.port("dout"), checksum = sim.port("checksum")
    var sink: UInt64 = 0
    let time = seconds {
        for n in 0..<cycles {
            sim.set(en, 1)
            sim.set(din, UInt64(n & 0xFFFF_FFFF))
            sim.set(rst, 0)
            sim.step()
            sink &+= sim.get(dout) ^ sim.get(checksum)
        }
    }
    return (time, sink)
}

/// The bridge's cost alone: the same loop shape on the 8-bit up/down counter
/// example (2 sets, step, 1 get).
func counterRun(_ sim: Simulator, cycles: Int) -> (seconds: Double, sink: UInt64) {
    let enable = sim.port("enable"), up = sim.port("up"), count = sim.port("count")
    var sink: UInt64 = 0
    let time = seconds {
        for _ in 0..<cycles {
            sim.set(enable, 1)
            sim.set(up, 1)
            sim.step()
            sink &+= sim.get(count)
        }
    }
    return (time, sink)
}

func main() throws {
    var built: Simulator?
    let buildTime = try seconds { built = try Simulator(design: chain, name: "bench-sim") }
    let sim = built!
    print("model: \(sim.buildWasCached ? "cached" : "built") in \(String(format: "%.2f", buildTime)) s")

    let perCycle = 5_000_000
    sim.reset()
    let run = perCycleRun(sim, cycles: perCycle)
    print("per-cycle (3 sets, step, 2 gets): \(rate(perCycle, run.seconds))  [sink \(run.sink)]")

    // Batch: the clock loop runs in C++.
    let batch = 20_000_000
    sim.set("en", 1)
    sim.set("din", 3)
    let batchTime = seconds { sim.step(batch) }
    print("batch step(\(batch)): \(rate(batch, batchTime))  [dout \(sim.getUInt64("dout"))]")

    let counter = try Simulator(UpDownCounter(width: 8))
    counter.reset()
    let small = counterRun(counter, cycles: perCycle)
    print("per-cycle on an 8-bit counter (bridge overhead): \(rate(perCycle, small.seconds))  [sink \(small.sink)]")
}

try main()
