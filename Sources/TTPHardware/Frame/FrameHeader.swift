import HDL

/// What the frame path passes to and from the protocol pipeline for one
/// frame: the RX parser's header record, the TX builder's descriptor. The
/// peer MAC is the frame's source on RX and its destination on TX; it uses
/// the port convention of ENDPOINT.md (first wire byte in bits [47:40]).
public struct FrameHeader: PackedStruct {
    public var opcode = Field(WireLayout.opcodeBits)
    public var vc = Field(8)
    public var peerMAC = Field(48)
    public var txID = Field(32)
    public var rxID = Field(32)
    /// Payload bytes (TSH length - 26); 0 for control frames.
    public var payloadLength = Field(16)

    public init() {}
}

/// The fields of a `FrameHeader` as ports, one per field: stored as `hdr`,
/// they are `hdr_opcode`, `hdr_vc`, `hdr_peer_mac`, `hdr_tx_id`, `hdr_rx_id`,
/// `hdr_payload_length`. `FrameHeaderPorts<Output>` where a header is given
/// out, `<Input>` where one is taken in.
public struct FrameHeaderPorts<P: Port>: Bundle {
    public let opcode: P
    public let vc: P
    public let peerMac: P
    public let txId: P
    public let rxId: P
    public let payloadLength: P

    public init(file: StaticString = #fileID, line: UInt = #line) {
        let fields = FrameHeader()
        opcode = .make(fields.opcode.width, file: file, line: line)
        vc = .make(fields.vc.width, file: file, line: line)
        peerMac = .make(fields.peerMAC.width, file: file, line: line)
        txId = .make(fields.txID.width, file: file, line: line)
        rxId = .make(fields.rxID.width, file: file, line: line)
        payloadLength = .make(fields.payloadLength.width, file: file, line: line)
    }

    /// The ports' values as one record.
    public var record: Packed<FrameHeader> {
        Packed.pack {
            $0.opcode = opcode.bits
            $0.vc = vc.bits
            $0.peerMAC = peerMac.bits
            $0.txID = txId.bits
            $0.rxID = rxId.bits
            $0.payloadLength = payloadLength.bits
        }
    }

    /// Drives every port from the fields of `record`.
    @LogicBuilder
    public func drive(from record: Packed<FrameHeader>) -> Logic {
        opcode <== record.opcode
        vc <== record.vc
        peerMac <== record.peerMAC
        txId <== record.txID
        rxId <== record.rxID
        payloadLength <== record.payloadLength
    }
}
