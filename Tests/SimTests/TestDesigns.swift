import HDL

/// Hand-written Verilog-2005 designs for the simulator's tests, written the
/// way the emitter writes (clk, synchronous active-high rst). Hand-written so
/// that these tests exercise the simulator alone, and can hold what the
/// emitter never writes (a Verilator-only difference, an unreset register).
enum TestDesigns {
    /// 8-bit counter with reset and enable; `wrap` is combinational (q == 255 && en).
    static let counter = design(
        top: "counter",
        ports: [("clk", 1, .input), ("rst", 1, .input), ("en", 1, .input), ("q", 8, .output), ("wrap", 1, .output)],
        body: """
            reg [7:0] q_reg;
            always @(posedge clk) begin
                if (en) q_reg <= q_reg + 8'd1;
                if (rst) q_reg <= 8'd0;
            end
            assign q = q_reg;
            assign wrap = en && q_reg == 8'hff;
            """)

    /// Combinational adder with carry out, no clock.
    static let adder = design(
        top: "adder",
        ports: [("a", 16, .input), ("b", 16, .input), ("sum", 17, .output)],
        body: "    assign sum = {1'b0, a} + {1'b0, b};")

    /// Wide ports: 128 and 300 bits in, combinational and registered out.
    static let wide = design(
        top: "wide",
        ports: [("clk", 1, .input), ("a", 128, .input), ("b", 300, .input),
                ("a_inv", 128, .output), ("b_rot", 300, .output), ("b_reg", 300, .output)],
        body: """
            reg [299:0] b_q;
            always @(posedge clk) b_q <= b;
            assign a_inv = ~a;
            assign b_rot = {b[298:0], b[299]};
            assign b_reg = b_q;
            """)

    /// The counter, except that under Verilator (only) `q` reads one high
    /// while the count is 5: the two simulators disagree on purpose.
    static let counterWithVerilatorOnlyBug = design(
        top: "counter_bug",
        ports: [("clk", 1, .input), ("rst", 1, .input), ("en", 1, .input), ("q", 8, .output)],
        body: """
            reg [7:0] q_reg;
            always @(posedge clk) begin
                if (en) q_reg <= q_reg + 8'd1;
                if (rst) q_reg <= 8'd0;
            end
            `ifdef VERILATOR
            assign q = q_reg + (q_reg == 8'd5 ? 8'd1 : 8'd0);
            `else
            assign q = q_reg;
            `endif
            """)

    /// A register whose reset does not clear it (a datapath register): Icarus
    /// sees X until it is written, Verilator 0.
    static let unresetRegister = design(
        top: "unreset",
        ports: [("clk", 1, .input), ("rst", 1, .input), ("load", 1, .input), ("d", 8, .input), ("q", 8, .output)],
        body: """
            reg [7:0] q_reg;
            always @(posedge clk) if (load) q_reg <= d;
            assign q = q_reg;
            """)

    /// Two modules in two files, the top instantiating the leaf: the file
    /// order matters (leaves first).
    static let hierarchy = EmittedDesign(
        top: "pair",
        files: [
            VerilogFile(name: "inc.v", text: header + """
                module inc (input wire [7:0] x, output wire [7:0] y);
                    assign y = x + 8'd1;
                endmodule
                `resetall

                """),
            VerilogFile(name: "pair.v", text: header + """
                module pair (input wire [7:0] x, output wire [7:0] y);
                    wire [7:0] mid;
                    inc first (.x(x), .y(mid));
                    inc second (.x(mid), .y(y));
                endmodule
                `resetall

                """),
        ],
        ports: [PortInfo(name: "x", width: 8, direction: .input), PortInfo(name: "y", width: 8, direction: .output)])

    /// AXI4-Stream FIFO, `depth` entries of `dataWidth` bits with tkeep,
    /// tlast and an 8-bit tuser; `s_axis_tready` is high while not full.
    static func streamFIFO(dataWidth: Int, depthLog2: Int = 3) -> EmittedDesign {
        let keepWidth = dataWidth / 8
        let entry = dataWidth + keepWidth + 1 + 8
        return design(
            top: "axis_fifo_w\(dataWidth)",
            ports: [
                ("clk", 1, .input), ("rst", 1, .input),
                ("s_axis_tdata", dataWidth, .input), ("s_axis_tkeep", keepWidth, .input),
                ("s_axis_tvalid", 1, .input), ("s_axis_tready", 1, .output),
                ("s_axis_tlast", 1, .input), ("s_axis_tuser", 8, .input),
                ("m_axis_tdata", dataWidth, .output), ("m_axis_tkeep", keepWidth, .output),
                ("m_axis_tvalid", 1, .output), ("m_axis_tready", 1, .input),
                ("m_axis_tlast", 1, .output), ("m_axis_tuser", 8, .output),
            ],
            body: """
                localparam AW = \(depthLog2);
                reg [\(entry - 1):0] mem [0:(1 << AW) - 1];
                reg [AW:0] wr_ptr_reg;
                reg [AW:0] rd_ptr_reg;
                wire full = (wr_ptr_reg[AW] != rd_ptr_reg[AW]) && (wr_ptr_reg[AW-1:0] == rd_ptr_reg[AW-1:0]);
                wire empty = wr_ptr_reg == rd_ptr_reg;
                wire [\(entry - 1):0] head = mem[rd_ptr_reg[AW-1:0]];
                assign s_axis_tready = !full;
                assign m_axis_tvalid = !empty;
                assign {m_axis_tuser, m_axis_tlast, m_axis_tkeep, m_axis_tdata} = head;
                always @(posedge clk) begin
                    if (s_axis_tvalid && !full) begin
                        mem[wr_ptr_reg[AW-1:0]] <= {s_axis_tuser, s_axis_tlast, s_axis_tkeep, s_axis_tdata};
                        wr_ptr_reg <= wr_ptr_reg + 1'b1;
                    end
                    if (m_axis_tready && !empty) rd_ptr_reg <= rd_ptr_reg + 1'b1;
                    if (rst) begin
                        wr_ptr_reg <= 0;
                        rd_ptr_reg <= 0;
                    end
                end
                """)
    }

    /// A Verilog syntax error on line 7 of `broken.v` (a missing semicolon).
    static let broken = EmittedDesign(
        top: "broken",
        files: [VerilogFile(name: "broken.v", text: header + """
            module broken (input wire a, output wire y);
                wire t
                assign y = a;
            endmodule

            """)],
        ports: [PortInfo(name: "a", width: 1, direction: .input), PortInfo(name: "y", width: 1, direction: .output)])

    /// Line of `broken.v` with the error: the `assign` after the unterminated wire.
    static let brokenLine = 7

    static let header = "`resetall\n`timescale 1ns / 1ps\n`default_nettype none\n\n"

    /// One module in one file, ports declared in the given order.
    static func design(top: String, ports: [(String, Int, PortInfo.Direction)], body: String) -> EmittedDesign {
        let declarations = ports.map { name, width, direction in
            let range = width == 1 ? "" : "[\(width - 1):0] "
            return "    \(direction == .input ? "input " : "output") wire \(range)\(name)"
        }
        let text = header + "module \(top) (\n\(declarations.joined(separator: ",\n"))\n);\n\(body)\nendmodule\n\n`resetall\n"
        return EmittedDesign(
            top: top, files: [VerilogFile(name: "\(top).v", text: text)],
            ports: ports.map { PortInfo(name: $0.0, width: $0.1, direction: $0.2) })
    }
}
