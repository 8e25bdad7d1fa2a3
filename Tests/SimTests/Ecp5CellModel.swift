import HDL

/// A behavioural model of the one use the project makes of Lattice's
/// `DP16KD`, for simulation only (yosys ships the cell as a black box): equal
/// widths on both ports (18, 9, 4, 2, 1 bits), port A writes, port B reads,
/// `REGMODE_B` "OUTREG" or "NOREG". The word address sits in the top bits of
/// the 14 address pins and, at 18 bits, pins 1:0 of port A are byte enables:
/// the layout of yosys's own DP16KD mapping (`brams_map_16kd.v`), which is
/// also what `hdl_ecp5_ram_tile` drives.
enum Ecp5CellModel {
    static let file = VerilogFile(name: "DP16KD.v", text: source)

    /// `design` with the model beside it, so Verilator and Icarus can build it.
    static func adding(to design: EmittedDesign) -> EmittedDesign {
        EmittedDesign(top: design.top, files: [file] + design.files, ports: design.ports)
    }

    private static func pins(_ prefix: String, _ count: Int) -> String {
        (0..<count).reversed().map { "\(prefix)\($0)" }.joined(separator: ", ")
    }

    private static let source = """
        `timescale 1ns / 1ps
        /* verilator lint_off UNUSEDSIGNAL */
        /* verilator lint_off UNUSEDPARAM */
        module DP16KD #(
            parameter DATA_WIDTH_A = 18, parameter DATA_WIDTH_B = 18,
            parameter REGMODE_A = "NOREG", parameter REGMODE_B = "NOREG",
            parameter RESETMODE = "SYNC", parameter CSDECODE_A = "0b000", parameter CSDECODE_B = "0b000",
            parameter WRITEMODE_A = "NORMAL", parameter WRITEMODE_B = "NORMAL", parameter GSR = "ENABLED"
        ) (
            input wire \(pins("DIA", 18)),
            input wire \(pins("ADA", 14)),
            input wire CEA, OCEA, CLKA, WEA, RSTA, CSA2, CSA1, CSA0,
            output wire \(pins("DOA", 18)),
            input wire \(pins("DIB", 18)),
            input wire \(pins("ADB", 14)),
            input wire CEB, OCEB, CLKB, WEB, RSTB, CSB2, CSB1, CSB0,
            output wire \(pins("DOB", 18))
        );
            localparam ADDR_BITS = DATA_WIDTH_A == 18 ? 10 : DATA_WIDTH_A == 9 ? 11 : DATA_WIDTH_A == 4 ? 12
                                 : DATA_WIDTH_A == 2 ? 13 : 14;
            wire [17:0] dia = {\(pins("DIA", 18))};
            wire [13:0] ada = {\(pins("ADA", 14))};
            wire [13:0] adb = {\(pins("ADB", 14))};
            wire [ADDR_BITS-1:0] write_word = ada[13:14-ADDR_BITS];
            wire [ADDR_BITS-1:0] read_word = adb[13:14-ADDR_BITS];
            reg [17:0] words [0:(1<<ADDR_BITS)-1];
            reg [17:0] latch = 18'd0;
            reg [17:0] out_register = 18'd0;
            integer i;
            initial for (i = 0; i < (1 << ADDR_BITS); i = i + 1) words[i] = 18'd0;
            always @(posedge CLKA) begin
                if (CEA && WEA) begin
                    if (DATA_WIDTH_A == 18) begin
                        if (ada[0]) words[write_word][8:0] <= dia[8:0];
                        if (ada[1]) words[write_word][17:9] <= dia[17:9];
                    end else begin
                        words[write_word] <= dia & ((18'd1 << DATA_WIDTH_A) - 18'd1);
                    end
                end
            end
            always @(posedge CLKB) begin
                if (CEB) latch <= words[read_word];
                if (OCEB) out_register <= latch;
            end
            wire [17:0] dob = REGMODE_B == "OUTREG" ? out_register : latch;
            assign {\(pins("DOB", 18))} = dob;
            assign {\(pins("DOA", 18))} = 18'd0;
        endmodule

        """
}
