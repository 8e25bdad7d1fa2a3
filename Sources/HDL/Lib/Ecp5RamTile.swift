/// One Lattice ECP5 block RAM (`DP16KD`) as a simple dual-port RAM: port A
/// writes, port B reads through the cell's output register. A `BlackBox`
/// with its Verilog source (`hdl_ecp5_ram_tile.v`); `BlockRam` tiles these
/// for `RamTechnology.ecp5`.
final class Ecp5RamTile: BlackBox {
    /// A cell's aspect ratio, and how many cells a RAM of a given size takes.
    struct Shape: Equatable {
        /// Data bits of one cell: 18, 9, 4, 2 or 1.
        let width: Int
        /// Address bits of one cell: 10 ... 14 (1,024 ... 16,384 words).
        let addressWidth: Int
        let columns: Int
        let rows: Int

        var depth: Int { 1 << addressWidth }

        /// The aspect ratios a DP16KD offers in this use.
        static let ratios = [(18, 10), (9, 11), (4, 12), (2, 13), (1, 14)]

        /// Fewest cells for `width` x `depth`; on a tie, fewer rows (no read mux).
        static func cheapest(width: Int, depth: Int) -> Shape {
            let shapes = ratios.map { w, a in
                Shape(width: w, addressWidth: a, columns: (width + w - 1) / w, rows: (depth + (1 << a) - 1) >> a)
            }
            return shapes.min { ($0.columns * $0.rows, $0.rows) < ($1.columns * $1.rows, $1.rows) }!
        }
    }

    let clk = Input(1)
    let writeEnable = Input(1)
    let writeAddress: Input
    let writeData: Input
    let readEnable = Input(1)
    let readAddress: Input
    let readData: Output
    let shape: Shape

    init(_ shape: Shape) {
        self.shape = shape
        writeAddress = Input(shape.addressWidth)
        writeData = Input(shape.width)
        readAddress = Input(shape.addressWidth)
        readData = Output(shape.width)
    }

    var moduleName: String { "hdl_ecp5_ram_tile" }
    var verilogParameters: [(name: String, value: String)] {
        [("WIDTH", "\(shape.width)"), ("ADDR_WIDTH", "\(shape.addressWidth)")]
    }
    var verilogSource: String? { Self.source }

    static let source = """
        `resetall
        `timescale 1ns / 1ps
        `default_nettype none

        // One Lattice ECP5 block RAM (DP16KD) as a simple dual-port RAM of
        // 2^ADDR_WIDTH words of WIDTH bits (18 x 1024, 9 x 2048, 4 x 4096,
        // 2 x 8192 or 1 x 16384): port A writes, port B reads through the
        // cell's output register (REGMODE_B = "OUTREG"), so read data leaves a
        // register two cycles after its address. yosys does not infer that
        // register from Verilog; without it a read takes 5.8 ns (speed 6).
        // read_data holds while read_enable is low.
        module hdl_ecp5_ram_tile #(
            parameter WIDTH = 18,
            parameter ADDR_WIDTH = 10
        ) (
            input  wire clk,
            input  wire write_enable,
            input  wire [ADDR_WIDTH-1:0] write_address,
            input  wire [WIDTH-1:0] write_data,
            input  wire read_enable,
            input  wire [ADDR_WIDTH-1:0] read_address,
            output wire [WIDTH-1:0] read_data
        );

        // The cell's 14 address bits carry the word address in their top
        // ADDR_WIDTH bits; in the x18 mode bits 1:0 of the write port are its
        // two byte enables, both on.
        wire [ADDR_WIDTH+13:0] write_shifted = {write_address, 14'd0};
        wire [ADDR_WIDTH+13:0] read_shifted = {read_address, 14'd0};
        wire [13:0] ada = write_shifted[ADDR_WIDTH+13:ADDR_WIDTH] | (WIDTH == 18 ? 14'd3 : 14'd0);
        wire [13:0] adb = read_shifted[ADDR_WIDTH+13:ADDR_WIDTH];
        // Data on the low WIDTH pins.
        wire [WIDTH+17:0] write_padded = {18'd0, write_data};
        wire [17:0] dia = write_padded[17:0];
        /* verilator lint_off UNUSEDSIGNAL */
        wire [17:0] dob;
        /* verilator lint_on UNUSEDSIGNAL */
        assign read_data = dob[WIDTH-1:0];

        /* verilator lint_off PINMISSING */
        DP16KD #(
            .DATA_WIDTH_A(WIDTH),
            .DATA_WIDTH_B(WIDTH),
            .REGMODE_A("NOREG"),
            .REGMODE_B("OUTREG"),
            .RESETMODE("SYNC"),
            .CSDECODE_A("0b000"),
            .CSDECODE_B("0b000"),
            .WRITEMODE_A("NORMAL"),
            .WRITEMODE_B("NORMAL"),
            .GSR("DISABLED")
        ) ram (
            .CLKA(clk), .CEA(1'b1), .OCEA(1'b1), .WEA(write_enable), .RSTA(1'b0),
            .CSA0(1'b0), .CSA1(1'b0), .CSA2(1'b0),
            .ADA0(ada[0]), .ADA1(ada[1]), .ADA2(ada[2]), .ADA3(ada[3]), .ADA4(ada[4]), .ADA5(ada[5]), .ADA6(ada[6]),
            .ADA7(ada[7]), .ADA8(ada[8]), .ADA9(ada[9]), .ADA10(ada[10]), .ADA11(ada[11]), .ADA12(ada[12]), .ADA13(ada[13]),
            .DIA0(dia[0]), .DIA1(dia[1]), .DIA2(dia[2]), .DIA3(dia[3]), .DIA4(dia[4]), .DIA5(dia[5]), .DIA6(dia[6]),
            .DIA7(dia[7]), .DIA8(dia[8]), .DIA9(dia[9]), .DIA10(dia[10]), .DIA11(dia[11]), .DIA12(dia[12]),
            .DIA13(dia[13]), .DIA14(dia[14]), .DIA15(dia[15]), .DIA16(dia[16]), .DIA17(dia[17]),
            .CLKB(clk), .CEB(read_enable), .OCEB(1'b1), .WEB(1'b0), .RSTB(1'b0),
            .CSB0(1'b0), .CSB1(1'b0), .CSB2(1'b0),
            .ADB0(adb[0]), .ADB1(adb[1]), .ADB2(adb[2]), .ADB3(adb[3]), .ADB4(adb[4]), .ADB5(adb[5]), .ADB6(adb[6]),
            .ADB7(adb[7]), .ADB8(adb[8]), .ADB9(adb[9]), .ADB10(adb[10]), .ADB11(adb[11]), .ADB12(adb[12]), .ADB13(adb[13]),
            .DIB0(1'b0), .DIB1(1'b0), .DIB2(1'b0), .DIB3(1'b0), .DIB4(1'b0), .DIB5(1'b0), .DIB6(1'b0), .DIB7(1'b0),
            .DIB8(1'b0), .DIB9(1'b0), .DIB10(1'b0), .DIB11(1'b0), .DIB12(1'b0), .DIB13(1'b0), .DIB14(1'b0),
            .DIB15(1'b0), .DIB16(1'b0), .DIB17(1'b0),
            .DOB0(dob[0]), .DOB1(dob[1]), .DOB2(dob[2]), .DOB3(dob[3]), .DOB4(dob[4]), .DOB5(dob[5]), .DOB6(dob[6]),
            .DOB7(dob[7]), .DOB8(dob[8]), .DOB9(dob[9]), .DOB10(dob[10]), .DOB11(dob[11]), .DOB12(dob[12]),
            .DOB13(dob[13]), .DOB14(dob[14]), .DOB15(dob[15]), .DOB16(dob[16]), .DOB17(dob[17])
        );
        /* verilator lint_on PINMISSING */

        endmodule
        `default_nettype wire

        """
}
