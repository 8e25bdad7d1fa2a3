import HDL

/// What the link engine tells the replay lists (`ReplayLists`) as an event
/// commits, per the state table's `replay` column.
public enum ReplayCommandKind: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// A host payload joins its link's list (the slot, its length, and the
    /// link's last TxID, from which a new list numbers its payloads).
    case append = 0
    /// A host payload the link cannot take (closing, or no way for a new
    /// link): its slot goes back and it is counted.
    case refuse
    /// ACK / NACK / NACK_FULL with RxID `id` on a link that may send.
    case ack, nack, nackFull
    /// The link reached OPEN from OPEN_SENT or OPEN_RECD: what it holds goes out.
    case opened
    /// The link was freed: every slot it holds goes back, counted.
    case flush
    /// The host asked to close an OPEN link: it takes no new payload, and
    /// once its list is empty (everything sent acknowledged) the lists send
    /// the engine a drained close (`ReplaySendPorts.close`), which sends CLOSE.
    case closeWanted

    public var description: String {
        ["append", "refuse", "ACK", "NACK", "NACK_FULL", "opened", "flush", "close wanted"][rawValue]
    }
}

/// One command to the replay lists, as the engine's replay queue holds it.
/// `link` is the link's place in the table ({set, way}), so each list is
/// found without a search; slots and links up to 65,536 (RAM bits only).
public struct ReplayCommand: PackedStruct {
    public var kind = Field(3)
    public var link = Field(16)
    public var peerMAC = Field(48)
    public var vc = Field(8)
    /// ack / nack / nackFull: the frame's RxID; append: the link's last TxID.
    public var id = Field(32)
    public var slot = Field(16)
    public var length = Field(16)
    /// append: the link is in a state where PAYLOADs go out (OPEN, CLOSE_SENT, CLOSE_RECD).
    public var sendable = Field(1)

    public init() {}
}
