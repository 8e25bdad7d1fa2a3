/// The shape of the replay memory (elaboration-time arithmetic, nothing
/// here is hardware): `--replay-slots` slots, each `beatsPerSlot` bus beats
/// of the payload memory, enough for a `--max-payload` payload rounded up
/// to a power of two, so a word's address is {slot, beat} with no adder.
public struct ReplayGeometry: Sendable, Equatable {
    public let slots: Int
    /// Bits of a slot number.
    public let slotBits: Int
    /// Bytes per bus beat.
    public let bytesPerBeat: Int
    /// Beats of the longest payload.
    public let maxBeats: Int
    /// Payload bytes the longest payload has in its last beat (1 ... B).
    public let lastBeatBytes: Int
    /// log2 of the beats a slot holds (0 when one beat holds the longest payload).
    public let beatBits: Int

    public init(_ parameters: EndpointParameters) {
        slots = parameters.replaySlots
        slotBits = Int.bitWidth - (slots - 1).leadingZeroBitCount
        bytesPerBeat = parameters.dataBytes
        let maxPayload = parameters.maxPayload
        maxBeats = (maxPayload + bytesPerBeat - 1) / bytesPerBeat
        lastBeatBytes = maxPayload - (maxBeats - 1) * bytesPerBeat
        beatBits = Int.bitWidth - (maxBeats - 1).leadingZeroBitCount
    }

    /// Beats a slot holds in the payload memory.
    public var beatsPerSlot: Int { 1 << beatBits }
    /// Words of the payload memory.
    public var words: Int { slots << beatBits }
    /// Bits of a payload memory address: {slot, beat}.
    public var addressBits: Int { slotBits + beatBits }
}
