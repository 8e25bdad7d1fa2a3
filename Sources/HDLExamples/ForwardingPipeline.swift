import HDL

/// The instruction word of `ForwardingPipeline` (16 bits, opcode in the top bits).
public struct PipelineInstruction: PackedStruct {
    public var opcode = Field(2)
    public var rd = Field(2)
    public var rs1 = Field(2)
    public var rs2 = Field(2)
    public var immediate = Field(8)
    public init() {}
}

/// A 4-stage ALU pipeline over four 8-bit registers, with forwarding:
///
/// 1. fetch: the instruction on `instruction` is latched (when `inValid`);
/// 2. operands: `rs1`/`rs2` are read from the register file, or forwarded from
///    stage 3 (the ALU result being computed) or stage 4 (the result about to
///    be written), the youngest first;
/// 3. execute: the ALU computes the result;
/// 4. write back: the result is written to `rd` (and shown on `wb_*`).
///
/// So `r1 = r0 + r0` followed right away by `r2 = r1 + r1` reads the new `r1`
/// without stalling.
public final class ForwardingPipeline: Module {
    public enum Opcode: HardwareEnum { case add, sub, xor, loadImmediate }
    typealias Instruction = Packed<PipelineInstruction>

    public let inValid = Input(1)
    public let instruction = Input(PipelineInstruction.width)
    public let wbValid = Output(1)
    public let wbRegister = Output(2)
    public let wbValue = Output(8)

    let registers: [Reg] = (0..<4).map { _ in Reg(8, init: 0) }
    // Stage 2: the fetched instruction.
    let s2Valid = Reg(1, init: 0)
    let s2Instruction = Reg(PipelineInstruction.width)
    // Stage 3: the operation and its operands.
    let s3Valid = Reg(1, init: 0)
    let s3Opcode = EnumReg(Opcode.self)
    let s3Rd = Reg(2)
    let s3A = Reg(8)
    let s3B = Reg(8)
    // Stage 4: the result.
    let s4Valid = Reg(1, init: 0)
    let s4Rd = Reg(2)
    let s4Result = Reg(8)
    /// The ALU output in stage 3.
    let alu = Wire(8)

    public init() {}

    public var body: Logic {
        let decoded = Instruction(s2Instruction)
        let operandA = forwarded(decoded.rs1).named("operand_a")
        let operandB = forwarded(decoded.rs2).named("operand_b")
        let isLoad = decoded.opcode == Opcode.loadImmediate.bits

        // Stage 1 -> 2
        s2Valid <== inValid
        When(inValid) { s2Instruction <== instruction }
        // Stage 2 -> 3
        s3Valid <== s2Valid
        s3Opcode <== decoded.opcode
        s3Rd <== decoded.rd
        s3A <== operandA
        s3B <== mux(isLoad, decoded.immediate, operandB)
        // Stage 3: execute, then -> 4
        Switch(s3Opcode) { op in
            switch op {
            case .add: alu <== s3A + s3B
            case .sub: alu <== s3A - s3B
            case .xor: alu <== s3A ^ s3B
            case .loadImmediate: alu <== s3B
            }
        }
        s4Valid <== s3Valid
        s4Rd <== s3Rd
        s4Result <== alu
        // Stage 4: write back.
        for (i, register) in registers.enumerated() {
            When(s4Valid && s4Rd == i) { register <== s4Result }
        }
        wbValid <== s4Valid
        wbRegister <== s4Rd
        wbValue <== s4Result
    }

    /// Register `index` as stage 2 must see it: the result in stage 3 if that
    /// instruction writes it, else the one in stage 4, else the register file.
    private func forwarded(_ index: Bits) -> Bits {
        let fromFile = select(registers, at: index)
        let fromStage4 = mux(s4Valid && s4Rd == index, s4Result, fromFile)
        return mux(s3Valid && s3Rd == index, alu, fromStage4)
    }
}
