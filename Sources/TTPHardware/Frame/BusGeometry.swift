/// Where the bytes of a frame fall on a bus of `bytesPerBeat` bytes: the
/// elaboration-time arithmetic the RX parser's and TX builder's blocks
/// share (nothing here is hardware).
///
/// The 60-byte header fills `headerOnlyBeats` whole beats and the low
/// `payloadOffset` bytes of the next one, the *join beat*. From the join beat
/// on, payload byte `i` sits at frame byte `60 + i`, so every payload beat is
/// shifted up by `payloadOffset` bytes: output beat `joinBeat + k` carries the
/// low `bytesPerBeat - payloadOffset` bytes of payload beat `k` in its high
/// part and the high `payloadOffset` bytes of payload beat `k - 1` (held from
/// the previous cycle) in its low part.
///
/// | DW  | B  | header-only beats | payload offset |
/// |-----|----|-------------------|----------------|
/// | 64  | 8  | 7                 | 4              |
/// | 128 | 16 | 3                 | 12             |
/// | 256 | 32 | 1                 | 28             |
/// | 512 | 64 | 0                 | 60             |
///
/// For every B the join beat ends exactly at frame byte 64, so a padded
/// (minimum-size) frame ends with its join beat, all of whose bytes are kept;
/// and only the last beat of any frame is partial.
public struct BusGeometry: Sendable, Equatable {
    /// B: bytes per bus beat.
    public let bytesPerBeat: Int
    /// log2(B): a byte count shifted right by this is a beat count.
    public let beatShift: Int
    /// Beats that hold header bytes only (60 / B); also the join beat's index.
    public let headerOnlyBeats: Int
    /// o = 60 mod B: header bytes in the join beat, and the payload's shift.
    public let payloadOffset: Int
    /// Beats of the longest frame (max(60 + maxPayload, 64) bytes).
    public let maxBeats: Int
    /// Width of beat counters: holds 0 ... maxBeats.
    public let beatIndexWidth: Int

    public init(_ parameters: EndpointParameters) {
        precondition(parameters.problems.isEmpty, "invalid parameters: \(parameters.problems)")
        bytesPerBeat = parameters.dataBytes
        beatShift = bytesPerBeat.trailingZeroBitCount
        headerOnlyBeats = WireLayout.headerBytes / bytesPerBeat
        payloadOffset = WireLayout.headerBytes % bytesPerBeat
        let maxFrame = max(WireLayout.headerBytes + parameters.maxPayload, WireLayout.minimumFrameBytes)
        maxBeats = (maxFrame + bytesPerBeat - 1) / bytesPerBeat
        beatIndexWidth = Int.bitWidth - maxBeats.leadingZeroBitCount
    }

    /// The join beat: the header's last bytes, then the first payload bytes.
    public var joinBeat: Int { headerOnlyBeats }
    /// The beat holding the header's last byte (59): the join beat, since no
    /// bus width divides 60.
    public var headerBeat: Int { joinBeat }

    /// The beat and the lane within it of frame byte `offset`.
    public func place(ofByte offset: Int) -> (beat: Int, lane: Int) {
        (offset / bytesPerBeat, offset % bytesPerBeat)
    }
    /// Payload bytes of payload beat k that land in output beat joinBeat + k.
    public var payloadBytesPerJoin: Int { bytesPerBeat - payloadOffset }

    /// Output beats of a frame with `payloadLength` payload bytes.
    public func beats(payloadLength: Int) -> Int {
        let bytes = max(WireLayout.headerBytes + payloadLength, WireLayout.minimumFrameBytes)
        return (bytes + bytesPerBeat - 1) / bytesPerBeat
    }

    /// Payload beats taken for a frame with `payloadLength` payload bytes.
    public func payloadBeats(payloadLength: Int) -> Int {
        (payloadLength + bytesPerBeat - 1) / bytesPerBeat
    }
}
