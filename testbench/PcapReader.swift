import Foundation

/// Reads classic pcap files (either byte order, microsecond timestamps), enough
/// for tests to check what `PcapWriter` or a test bench wrote.
public struct PcapReader: Sendable {
    /// What is wrong with a file that is not a classic pcap file.
    public enum FormatError: Error, Equatable {
        case tooShortForHeader
        case unknownMagic(UInt32)
        case truncatedRecord(index: Int)
    }

    /// Version from the global header (2.4 for files this project writes).
    public let versionMajor: UInt16
    public let versionMinor: UInt16
    public let snapLength: UInt32
    /// Link type (1 = Ethernet).
    public let linkType: UInt32
    public let records: [PcapRecord]

    /// Parses a whole pcap file held in memory.
    public init(bytes: [UInt8]) throws {
        guard bytes.count >= 24 else { throw FormatError.tooShortForHeader }
        let swapped = try Self.isByteSwapped(magicBytes: Array(bytes[0..<4]))
        let field = FieldReader(bytes: bytes, swapped: swapped)
        versionMajor = UInt16(field.uint16(at: 4))
        versionMinor = UInt16(field.uint16(at: 6))
        snapLength = field.uint32(at: 16)
        linkType = field.uint32(at: 20)
        records = try Self.records(field, startingAt: 24)
    }

    /// Reads and parses the file at `url`.
    public init(url: URL) throws {
        try self.init(bytes: [UInt8](try Data(contentsOf: url)))
    }

    /// False for a little-endian file (magic stored `d4 c3 b2 a1`), true for a big-endian one.
    private static func isByteSwapped(magicBytes: [UInt8]) throws -> Bool {
        if magicBytes == [0xD4, 0xC3, 0xB2, 0xA1] { return false }
        if magicBytes == [0xA1, 0xB2, 0xC3, 0xD4] { return true }
        throw FormatError.unknownMagic(magicBytes.reduce(0) { $0 << 8 | UInt32($1) })
    }

    /// Every record from `offset` to the end of the file.
    private static func records(_ field: FieldReader, startingAt offset: Int) throws -> [PcapRecord] {
        var records: [PcapRecord] = []
        var offset = offset
        while offset < field.bytes.count {
            guard offset + 16 <= field.bytes.count else { throw FormatError.truncatedRecord(index: records.count) }
            let capturedLength = Int(field.uint32(at: offset + 8))
            let end = offset + 16 + capturedLength
            guard end <= field.bytes.count else { throw FormatError.truncatedRecord(index: records.count) }
            records.append(PcapRecord(
                seconds: field.uint32(at: offset), microseconds: field.uint32(at: offset + 4),
                originalLength: field.uint32(at: offset + 12), bytes: Array(field.bytes[(offset + 16)..<end])))
            offset = end
        }
        return records
    }
}

/// Reads header fields in the byte order the file was written in.
private struct FieldReader {
    let bytes: [UInt8]
    let swapped: Bool

    func uint16(at offset: Int) -> UInt32 { number(at: offset, width: 2) }
    func uint32(at offset: Int) -> UInt32 { number(at: offset, width: 4) }

    private func number(at offset: Int, width: Int) -> UInt32 {
        let slice = bytes[offset..<(offset + width)]
        let ordered = swapped ? Array(slice) : slice.reversed()
        return ordered.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
