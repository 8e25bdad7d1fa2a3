import HDL

/// What the replay lists keep per link (`ReplayLists`), in a RAM by link
/// place: the list of its slots, oldest first, linked through the slots'
/// next pointers; the TxIDs of its head and tail; where sending stands.
/// Slots are 16 bits whatever `--replay-slots` (RAM bits, not logic).
struct ReplayListRecord: PackedStruct {
    /// The list has numbered a payload since the link was made: `tailTx` is
    /// the last ID it gave (else the next is the engine's last TxID + 1).
    var started = Field(1)
    /// Slots held: appended and not yet retired.
    var count = Field(17)
    var head = Field(16)
    var headTx = Field(32)
    var tail = Field(16)
    var tailTx = Field(32)
    /// The next PAYLOAD to send (valid while `sendPending`).
    var sendSlot = Field(16)
    var sendTx = Field(32)
    var sendPending = Field(1)
    /// The first ID never sent: sending it makes it our last TxID (`fresh`),
    /// and only IDs older than it can be acknowledged.
    var freshFrom = Field(32)
    /// The last ID sent (`freshFrom` - 1, kept so no compare waits on a subtraction).
    var lastSent = Field(32)
    /// The link is in a state where PAYLOADs go out.
    var open = Field(1)
    /// NACK_FULL: no sending until the back-off ends; the link waits in the back-off queue.
    var paused = Field(1)
    /// The link waits in the queue of links with something to send.
    var queued = Field(1)
    /// The host asked to close the link (`closeWanted`): no more appends,
    /// and a drained close goes to the engine once the list is empty.
    var closing = Field(1)
    var peerMAC = Field(48)
    var vc = Field(8)
}

/// IDs compare as 32-bit serial numbers (WIRE-FORMAT).
enum SerialID {
    /// `a` is older than `b`.
    static func older(_ a: Bits, _ b: Bits) -> Bits { (a - b).msb }
    /// `a` is older than `b` or equal to it.
    static func notYounger(_ a: Bits, _ b: Bits) -> Bits { !(b - a).msb }
}
