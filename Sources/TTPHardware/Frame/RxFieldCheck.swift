import HDL

/// What the receive rules need from single header fields, found on the bus
/// in stage 0 as the beat carrying each field passes (every field a rule
/// reads lies within one beat) and kept in registers, so the rules that
/// combine fields (`RxHeaderCheck`, stage 1) start from flops. In the cycle
/// after the header beat every field holds this frame's result, and keeps
/// it until the next frame's beat of that field.
public struct RxFieldFacts: PackedStruct {
    /// Bit i: destination byte i differs from the local MAC's byte i.
    public var destinationDiffers = Field(6)
    public var etherTypeDiffers = Field(1)
    /// TTH tthl (low nibble of byte 14) is not 5.
    public var headerLengthBad = Field(1)
    /// TTH length - 20, 17 bits wide: below 20 it is negative and equals no TSH length.
    public var tthLengthLess20 = Field(17)
    public var tshLength = Field(16)
    /// TSH length < 26.
    public var tshTooSmall = Field(1)
    /// TSH length > 26 + max payload.
    public var tshTooLong = Field(1)
    /// TSH length + 33 = 60 + payload - 1: the last byte the TSH length claims.
    public var lastClaimedByte = Field(17)
    /// Bits 5..0 of byte 42 are not one of the 11 opcodes.
    public var opcodeBad = Field(1)

    public init() {}
}

public final class RxFieldCheck: Module {
    public let beatValid = Input(1)
    public let beatData: Input
    /// The beat's place among the header beats (`RxHeaderCapture.position`).
    public let position: Input
    public let localMac = Input(48)
    public let facts = Output(RxFieldFacts.width)

    /// One bit a destination byte: byte i differs.
    let destinationDiffers = (0..<6).map { _ in Reg(1) }
    let etherTypeDiffers = Reg(1)
    let headerLengthBad = Reg(1)
    let tthLengthLess20 = Reg(17)
    let tshLength = Reg(16)
    let tshTooSmall = Reg(1)
    let tshTooLong = Reg(1)
    let lastClaimedByte = Reg(17)
    let opcodeBad = Reg(1)

    let geometry: BusGeometry
    let etherType: UInt16
    let maxPayload: Int

    public init(_ geometry: BusGeometry, etherType: UInt16, maxPayload: Int) {
        self.geometry = geometry
        self.etherType = etherType
        self.maxPayload = maxPayload
        beatData = Input(8 * geometry.bytesPerBeat)
        position = Input(geometry.headerBeat + 1)
    }

    public var moduleName: String { "ttp_rx_field_check_w\(beatData.width)" }

    public var body: Logic {
        for byte in 0..<6 {
            let mine = localMac.bits(47 - 8 * byte, 40 - 8 * byte)
            keep(destinationDiffers[byte], from: WireLayout.destinationMAC + byte, bytes: 1) { $0 != mine }
        }
        keep(etherTypeDiffers, from: WireLayout.etherType, bytes: 2) { $0 != Int(etherType) }
        keep(headerLengthBad, from: WireLayout.tthFlags, bytes: 1) { $0.bits(3, 0) != WireLayout.tthWords }
        let tthBytes = WireLayout.tthOverhead - WireLayout.tshOverhead
        keep(tthLengthLess20, from: WireLayout.tthLength, bytes: 2) { $0.zext(to: 17) - tthBytes }
        let tshField = WireLayout.tshLength
        keep(tshLength, from: tshField, bytes: 2) { $0 }
        keep(tshTooSmall, from: tshField, bytes: 2) { $0 < WireLayout.tshOverhead }
        keep(tshTooLong, from: tshField, bytes: 2) { $0 > WireLayout.tshOverhead + maxPayload }
        keep(lastClaimedByte, from: tshField, bytes: 2) { $0.zext(to: 17) + (WireLayout.headerBytes - WireLayout.tshOverhead - 1) }
        keep(opcodeBad, from: WireLayout.opcode, bytes: 1) { $0.bits(5, 0) >= WireLayout.opcodeCount }
        facts <== Packed<RxFieldFacts>.pack {
            $0.destinationDiffers = cat(destinationDiffers.reversed())
            $0.etherTypeDiffers = etherTypeDiffers.bits
            $0.headerLengthBad = headerLengthBad.bits
            $0.tthLengthLess20 = tthLengthLess20.bits
            $0.tshLength = tshLength.bits
            $0.tshTooSmall = tshTooSmall.bits
            $0.tshTooLong = tshTooLong.bits
            $0.lastClaimedByte = lastClaimedByte.bits
            $0.opcodeBad = opcodeBad.bits
        }
    }

    /// Loads `target` with `value` of the big-endian field of `count` bytes
    /// at frame byte `offset`, when the beat holding that field passes.
    @LogicBuilder
    private func keep(_ target: some Assignable, from offset: Int, bytes count: Int, _ value: (Bits) -> Bits) -> Logic {
        let (beat, field) = fieldOnBus(offset, count)
        When(beatValid && position[beat]) { target <== value(field) }
    }

    /// The beat that carries the field, and the field's bits on the bus then.
    private func fieldOnBus(_ offset: Int, _ count: Int) -> (beat: Int, bits: Bits) {
        let (beat, lane) = geometry.place(ofByte: offset)
        precondition(lane + count <= geometry.bytesPerBeat, "the field at byte \(offset) spans two beats")
        return (beat, cat((lane..<(lane + count)).map { beatData.bits(8 * $0 + 7, 8 * $0) }))
    }
}
