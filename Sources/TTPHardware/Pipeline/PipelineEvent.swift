import HDL

/// An event in flight through the link pipeline: what Q0 picked, with the
/// facts later stages need. Commands carry zero IDs; a host payload and a
/// send carry their slot and length as the RxID ({slot, length}), a send
/// its PAYLOAD's TxID as the TxID.
public struct PipelineEvent: PackedStruct {
    /// One-hot `LinkEvent`.
    public var event = Field(LinkEvent.count)
    /// The same as its number (`LinkEvent.rawValue`), for the decision.
    public var code = Field(LinkEvent.codeBits)
    public var peerMAC = Field(48)
    public var vc = Field(8)
    public var txID = Field(32)
    public var rxID = Field(32)
    /// The event's own flag (`LinkFlag.eventFlag` bit 2): a received
    /// payload found room in the RX buffer (or was empty); a send is `fresh`.
    public var stored = Field(1)
    /// Its payload beats wait in the RX buffer: Q3 must say deliver or discard.
    public var hasPayload = Field(1)
    /// It may need a place for a response / a link event (Q0's view from
    /// the opcode; commands always do).
    public var needsResponse = Field(1)
    public var needsReport = Field(1)
    /// It may give the replay lists a command (`LinkEvent.mayCommandReplay`).
    public var needsReplay = Field(1)
    /// No room to answer or report: the frame is dropped whole, as if lost.
    /// Set from s1 on (s0 checks the room Q0 saw); a dropped event holds no
    /// place, one not dropped holds a place for each thing it needs.
    public var dropped = Field(1)

    public init() {}
}

/// An event's IDs as the s3 compares take them (`LinkEngine.operands`).
struct IDOperands: PackedStruct {
    var tx = Field(32)
    var txLess1 = Field(32)
    var rx = Field(32)
    var rxLess1 = Field(32)
}
