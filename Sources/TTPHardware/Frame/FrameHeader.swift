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
