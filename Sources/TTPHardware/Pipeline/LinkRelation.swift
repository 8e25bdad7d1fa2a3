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

/// What the decision of an event ahead does to the ID comparisons of an
/// event behind it: whether it is for the same link and writes it
/// (`follows`), sets the last in-order RxID to its TxID (`setsRx`), sets our
/// last TxID (`setsTx`) to its TxID (`txFromEvent`) or else to our open ID.
/// Worked out in flops a stage before it is applied, where the decision
/// ahead was made early enough (`LinkEngine.effect(of:follows:)`).
struct AheadEffect: PackedStruct {
    var follows = Field(1)
    var setsRx = Field(1)
    var setsTx = Field(1)
    var txFromEvent = Field(1)
}

/// What the decision of the event two ahead does to the `eventFlags` of an
/// event in s5 (`LinkEngine.flagEffect`), worked out in s6 as that one
/// decides: it `sets` the ID the event compares with (our last RxID for a
/// PAYLOAD, our last TxID for a CLOSE), to its own TxID (`fromEvent`) or
/// else to our open ID.
struct TwoAheadFlags: PackedStruct {
    var sets = Field(1)
    var fromEvent = Field(1)
}

/// What the decision lookahead takes for the event in s5, registered in s4
/// (`LinkEngine.lookaheadInputs`): its number (`LinkEvent.noEvent` for none
/// or a dropped one), whether it is a PAYLOAD and then whether it is
/// stored; its four comparison flags as the events three and more ahead
/// leave them (`flags`), its two `eventFlags` bits against the TxID of the
/// event two ahead and against our open ID (for s5 to choose from), and its
/// whole `eventFlags` for x = 1 (`ifAhead`) and x = y = 1 (`ifOpen`).
struct LookaheadInputs: PackedStruct {
    var code = Field(LinkEvent.codeBits)
    var payload = Field(1)
    var stored = Field(1)
    var flags = Field(4)
    var ifTwoAhead = Field(2)
    var ifOpenID = Field(2)
    var ifAhead = Field(LinkFlag.eventFlagCount)
    var ifOpen = Field(LinkFlag.eventFlagCount)
}
