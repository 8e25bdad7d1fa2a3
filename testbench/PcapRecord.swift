/// One packet record of a classic pcap file.
public struct PcapRecord: Hashable, Sendable {
    /// Whole seconds of the timestamp.
    public var seconds: UInt32
    /// Microseconds within the second (0..<1_000_000).
    public var microseconds: UInt32
    /// The frame's length on the wire (equal to `bytes.count` unless truncated to the snap length).
    public var originalLength: UInt32
    /// The captured bytes (Ethernet frame from the destination MAC, no FCS).
    public var bytes: [UInt8]

    public init(seconds: UInt32, microseconds: UInt32, originalLength: UInt32, bytes: [UInt8]) {
        self.seconds = seconds
        self.microseconds = microseconds
        self.originalLength = originalLength
        self.bytes = bytes
    }

    /// The simulation cycle this record was written at, under `PcapWriter`'s
    /// convention of one cycle per microsecond.
    public var cycle: UInt64 {
        UInt64(seconds) * 1_000_000 + UInt64(microseconds)
    }
}
