/// What a `BlockRam` is built from. The behaviour is the same (read data two
/// cycles after its address); the cells differ.
public enum RamTechnology: String, CaseIterable, Sendable {
    /// A Verilog array with a registered read, then an output register: any
    /// tool reads it, and vendor FPGA tools put the output register into the
    /// block RAM. Simulation uses this.
    case inferred
    /// Lattice ECP5 `DP16KD` cells instantiated with their output register
    /// (`REGMODE_B = "OUTREG"`). yosys does not infer that register, and
    /// without it a block-RAM read takes 5.8 ns on a speed-6 part, which caps
    /// any design reading a RAM near 135 MHz; with it, 1 ns.
    case ecp5
}
