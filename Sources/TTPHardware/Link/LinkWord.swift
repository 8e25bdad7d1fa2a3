import HDL

/// One way of the link table: the link's key (peer MAC, vc) and its context.
/// A way whose state is `closed` is free. The timer fields are laid out for
/// the timer scanner. The link's replay list is not here: it lives in
/// `ttp_replay_lists`, by the same place in the table ({set, way}), so the
/// word forwarded through the pipeline stays small and the lists' walker
/// reads and writes its own RAM without the engine's forwarding.
public struct LinkWord: PackedStruct {
    public var state = Field(LinkState.width)
    public var peerMAC = Field(48)
    public var vc = Field(8)
    /// The last TxID we used: our OPEN's ID (or the start a peer's OPEN gave
    /// us), then each PAYLOAD sent. The local next TxID is this + 1.
    public var lastTx = Field(32)
    /// The last PAYLOAD ID taken in order from the peer (its start after OPEN).
    public var lastRx = Field(32)
    /// A NACK is outstanding: younger PAYLOADs are ignored until r + 1 arrives.
    public var nackMarked = Field(1)
    /// The timer scanner's bit: the link waits for an answer.
    public var timerArmed = Field(1)
    public var retries = Field(4)

    public init() {}
}

/// The key of a link: (peer MAC, vc), 56 bits, MAC on top.
public enum LinkKey {
    public static let width = 56
}
