import HDL

/// An event in flight through the link pipeline: what Q0 picked, with the
/// facts later stages need. Commands carry zero IDs.
public struct PipelineEvent: PackedStruct {
    /// One-hot `LinkEvent`.
    public var event = Field(LinkEvent.count)
    public var peerMAC = Field(48)
    public var vc = Field(8)
    public var txID = Field(32)
    public var rxID = Field(32)
    /// A received payload found room in the RX buffer (or was empty).
    public var stored = Field(1)
    /// Its payload beats wait in the RX buffer: Q3 must say deliver or discard.
    public var hasPayload = Field(1)
    /// No room to answer or report: the frame is dropped whole, as if lost.
    public var dropped = Field(1)
    /// Q0 reserved a place for a response / a link event.
    public var heldResponse = Field(1)
    public var heldReport = Field(1)

    public init() {}
}
