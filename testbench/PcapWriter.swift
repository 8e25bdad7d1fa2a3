import Foundation

/// Writes Ethernet frames to a classic pcap file (little-endian: magic `0xa1b2c3d4`
/// stored as `d4 c3 b2 a1`; version 2.4, snap length 65535, link type 1 = Ethernet),
/// one record per frame, so Wireshark/tshark can show what a test bench saw.
///
/// Timestamps: one simulation cycle is one microsecond, so cycle `c` is written
/// as `c / 1_000_000` seconds and `c % 1_000_000` microseconds, and Wireshark's
/// time column reads `0.000123` for cycle 123.
///
/// The file is written record by record; call `close()` when done (deinit also closes).
public final class PcapWriter {
    /// Classic pcap magic number (microsecond timestamps).
    public static let magic: UInt32 = 0xA1B2_C3D4
    /// Largest number of bytes stored per record.
    public static let snapLength: UInt32 = 65535
    /// LINKTYPE_ETHERNET.
    public static let linkTypeEthernet: UInt32 = 1

    /// Where the file is written.
    public let url: URL
    private var handle: FileHandle?

    /// Creates (or truncates) the file at `url` and writes the pcap header.
    public init(url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        try append(Self.fileHeader())
    }

    /// A writer for `<TTP_PCAP_DIR>/<name>.pcap` when env `TTP_PCAP_DIR` is set
    /// (the directory is created if needed), else nil: test benches call this
    /// and write pcaps only when asked to.
    public static func fromEnvironment(name: String) throws -> PcapWriter? {
        guard let directory = ProcessInfo.processInfo.environment["TTP_PCAP_DIR"], !directory.isEmpty else {
            return nil
        }
        let directoryURL = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: directoryURL, withIntermediateDirectories: true)
        return try PcapWriter(url: directoryURL.appendingPathComponent("\(name).pcap"))
    }

    deinit {
        try? handle?.close()
    }

    /// Appends one record holding `frame` (bytes from the destination MAC, no FCS)
    /// stamped with simulation cycle `cycle`.
    public func write(_ frame: [UInt8], cycle: UInt64) throws {
        precondition(cycle / 1_000_000 <= UInt64(UInt32.max), "cycle \(cycle) does not fit a pcap timestamp")
        let stored = frame.prefix(Int(Self.snapLength))
        var record = littleEndian(UInt32(cycle / 1_000_000)) + littleEndian(UInt32(cycle % 1_000_000))
        record += littleEndian(UInt32(stored.count)) + littleEndian(UInt32(frame.count))
        try append(record + stored)
    }

    /// Flushes and closes the file; later writes fail.
    public func close() throws {
        try handle?.close()
        handle = nil
    }

    /// The 24-byte global header.
    private static func fileHeader() -> [UInt8] {
        littleEndian(magic) + littleEndian(UInt16(2)) + littleEndian(UInt16(4))
            + littleEndian(Int32(0)) + littleEndian(UInt32(0))  // thiszone, sigfigs
            + littleEndian(snapLength) + littleEndian(linkTypeEthernet)
    }

    private func append(_ bytes: [UInt8]) throws {
        guard let handle else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        try handle.write(contentsOf: Data(bytes))
    }
}

/// The bytes of `value`, least significant first.
private func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
}
