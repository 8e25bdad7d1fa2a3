import HDL

/// How an event relates to the events ahead of it in the pipeline, worked
/// out once, in s0, and carried along: the pipeline never stalls, so the
/// event `k` stages ahead stays `k` ahead, and later stages test one flop
/// instead of comparing sets or 56-bit keys again.
public struct LinkRelation: PackedStruct {
    /// Bit k - 1: the event k ahead (k = 1 ... 8) is for the same set.
    public var sameSet = Field(LinkRelation.reach)
    /// Bit k - 1: the event k ahead (k = 1 ... 8) is for the same link.
    public var sameKey = Field(LinkRelation.reach)

    /// Events ahead whose writes an event may have missed in the RAM: the
    /// seven between its read (s0) and its own commit (s7), and the one
    /// whose word goes into the RAM (h1) as it reads.
    public static let reach = 8

    public init() {}
}
