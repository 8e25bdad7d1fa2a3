import HDL

/// The header rules of a frame that are not about its length on the wire,
/// in the order `TTPDropReason` takes them. Bad length here is the TSH
/// length below 26, not TTH length - 20, or above 26 + max payload; a
/// payload claimed past the frame's end is `RxHeaderCheck.pastEnd`.
public struct RxHeaderFaults: PackedStruct {
    public var etherType = Field(1)
    public var destination = Field(1)
    public var headerLength = Field(1)
    public var length = Field(1)
    public var opcode = Field(1)

    public init() {}
}

/// Stage 1 of the RX parser: combines the field facts (`RxFieldCheck`) into
/// the header rules, and cuts the header record out of the captured header,
/// both registered and held from the frame-info beat (the header beat, or
/// the last beat of a frame too short to have one) until the next frame's:
/// the frame's later beats, and its verdict in stage 2, find them there.
///
/// `past_end` (registered every cycle) compares the last byte of the frame
/// whose last beat is in stage 1 with the last byte its TSH length claims:
/// the field facts still hold that frame's, since the next frame has not
/// reached its TSH length yet.
public final class RxHeaderCheck: Module {
    public let facts = Input(RxFieldFacts.width)
    public let header = Input(WireLayout.headerBytes * 8)
    /// The frame's last byte (`RxFrameEndFacts.lastByte`) of the beat in stage 1.
    public let lastByte = Input(RxHeaderCapture.beatIndexBits + 6)
    /// The beat in stage 1 is the frame-info beat: load `faults` and `record`.
    public let frameInfo = Input(1)

    public let faults = Output(RxHeaderFaults.width)
    /// The header's fields; the peer is the frame's source MAC.
    public let record = Output(FrameHeader.width)
    public let pastEnd = Output(1)

    let heldFaults = Reg(RxHeaderFaults.width)
    let heldRecord = Reg(FrameHeader.width)
    let claimsPastEnd = Reg(1)

    public init() {}

    public var moduleName: String { "ttp_rx_header_check" }

    public var body: Logic {
        let field = Packed<RxFieldFacts>(facts)
        When(frameInfo) {
            heldFaults <== Packed<RxHeaderFaults>.pack {
                $0.etherType = field.etherTypeDiffers
                $0.destination = field.destinationDiffers.orReduce()
                $0.headerLength = field.headerLengthBad
                $0.length = field.tshTooSmall || field.tshTooLong
                    || field.tshLength.zext(to: 17) != field.tthLengthLess20
                $0.opcode = field.opcodeBad
            }
            heldRecord <== recordOfHeader(payloadLength: field.tshLength - WireLayout.tshOverhead)
        }
        claimsPastEnd <== lastByte < field.lastClaimedByte.zext(to: lastByte.width)
        faults <== heldFaults
        record <== heldRecord
        pastEnd <== claimsPastEnd
    }

    /// Header byte `offset`.
    private func byte(_ offset: Int) -> Bits { header.bits(8 * offset + 7, 8 * offset) }

    /// The big-endian field of `count` bytes at `offset` (first byte in the MSBs).
    private func headerField(_ offset: Int, bytes count: Int) -> Bits {
        cat((offset..<(offset + count)).map { byte($0) })
    }

    private func recordOfHeader(payloadLength: Bits) -> Packed<FrameHeader> {
        Packed<FrameHeader>.pack {
            $0.opcode = byte(WireLayout.opcode).bits(5, 0)
            $0.vc = byte(WireLayout.vc)
            $0.peerMAC = headerField(WireLayout.sourceMAC, bytes: 6)
            $0.txID = headerField(WireLayout.txID, bytes: 4)
            $0.rxID = headerField(WireLayout.rxID, bytes: 4)
            $0.payloadLength = payloadLength
        }
    }
}
