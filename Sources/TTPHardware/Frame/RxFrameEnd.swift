import HDL

/// What the receive rules need from a frame's last beat, found on the bus in
/// stage 0 and registered every cycle (so in stage 1 the register holds the
/// facts of the beat that was on the bus: meaningful for a last beat).
public struct RxFrameEndFacts: PackedStruct {
    /// The MAC flagged the frame bad (`tuser`).
    public var fcsBad = Field(1)
    /// The frame reaches byte 5 (all of the destination), 13 (the
    /// EtherType) and 59 (the whole header): rules on bytes a frame lacks pass.
    public var holdsDestination = Field(1)
    public var holdsEtherType = Field(1)
    public var holdsHeader = Field(1)
    /// The offset of the frame's last byte: beat index x B + the last kept lane.
    public var lastByte = Field(RxHeaderCapture.beatIndexBits + 6)

    public init() {}
}

public final class RxFrameEnd: Module {
    public let beatKeep: Input
    public let beatUser = Input(1)
    public let position: Input
    public let pastHeader = Input(1)
    public let beatIndex = Input(RxHeaderCapture.beatIndexBits)
    public let facts = Output(RxFrameEndFacts.width)

    let registered = Reg(RxFrameEndFacts.width)
    let geometry: BusGeometry

    public init(_ geometry: BusGeometry) {
        self.geometry = geometry
        beatKeep = Input(geometry.bytesPerBeat)
        position = Input(geometry.headerBeat + 1)
    }

    public var moduleName: String { "ttp_rx_frame_end_w\(8 * geometry.bytesPerBeat)" }

    public var body: Logic {
        registered <== Packed<RxFrameEndFacts>.pack {
            $0.fcsBad = beatUser.bits
            $0.holdsDestination = holds(byte: WireLayout.destinationMAC + 5)
            $0.holdsEtherType = holds(byte: WireLayout.etherType + 1)
            $0.holdsHeader = holds(byte: WireLayout.headerBytes - 1)
            $0.lastByte = cat(beatIndex, lastLane).zext(to: RxHeaderCapture.beatIndexBits + 6)
        }
        facts <== registered
    }

    /// Whether the frame, ending in this beat, has byte `offset`: its beat is
    /// past, or this is its beat and its lane is kept.
    private func holds(byte offset: Int) -> Bits {
        let (beat, lane) = geometry.place(ofByte: offset)
        let later = ((beat + 1)..<(geometry.headerBeat + 1)).map { position[$0] } + [pastHeader.bits]
        return (position[beat] && beatKeep[lane]) || cat(later).orReduce()
    }

    /// The lane of the last kept byte (tkeep is contiguous from bit 0): the
    /// binary index of the thermometer's top, one OR per bit of the result.
    private var lastLane: Bits {
        let b = geometry.bytesPerBeat
        let top = (0..<b).map { lane in lane == b - 1 ? beatKeep[lane] : (beatKeep[lane] && !beatKeep[lane + 1]) }
        let bits = (0..<geometry.beatShift).reversed().map { bit in
            cat((0..<b).filter { $0 >> bit & 1 == 1 }.map { top[$0] }).orReduce()
        }
        return cat(bits)
    }
}
