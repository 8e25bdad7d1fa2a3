import Foundation
import TTPTestbench
import XCTest

/// Checks `PcapWriter` against the classic pcap layout (byte offsets written out
/// here) and `PcapReader` against files built by hand.
final class PcapTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("PcapTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    func testHeaderAndRecordsHaveTheClassicLayout() throws {
        let url = directory.appendingPathComponent("layout.pcap")
        let writer = try PcapWriter(url: url)
        try writer.write([0xAA, 0xBB, 0xCC], cycle: 1_234_567)
        try writer.close()
        let bytes = [UInt8](try Data(contentsOf: url))
        XCTAssertEqual(bytes.count, 24 + 16 + 3)
        XCTAssertEqual(Array(bytes[0..<4]), [0xD4, 0xC3, 0xB2, 0xA1], "magic 0xa1b2c3d4, little-endian")
        XCTAssertEqual(Array(bytes[4..<8]), [2, 0, 4, 0], "version 2.4")
        XCTAssertEqual(Array(bytes[8..<16]), [0, 0, 0, 0, 0, 0, 0, 0], "thiszone, sigfigs")
        XCTAssertEqual(Array(bytes[16..<20]), [0xFF, 0xFF, 0, 0], "snaplen 65535")
        XCTAssertEqual(Array(bytes[20..<24]), [1, 0, 0, 0], "link type Ethernet")
        XCTAssertEqual(Array(bytes[24..<28]), [1, 0, 0, 0], "1 second")
        XCTAssertEqual(Array(bytes[28..<32]), [0x47, 0x94, 0x03, 0x00], "234567 microseconds")
        XCTAssertEqual(Array(bytes[32..<40]), [3, 0, 0, 0, 3, 0, 0, 0], "captured and original length")
        XCTAssertEqual(Array(bytes[40..<43]), [0xAA, 0xBB, 0xCC])
    }

    func testReaderReturnsWhatTheWriterWrote() throws {
        var random = WireRandom.fromEnvironment()
        let frames = (0..<100).map { _ in random.frame(maxPayload: 1500).encode() }
        let cycles = (0..<UInt64(100)).map { $0 * 999_983 }  // crosses many second boundaries
        let url = directory.appendingPathComponent("roundtrip.pcap")
        let writer = try PcapWriter(url: url)
        for (frame, cycle) in zip(frames, cycles) { try writer.write(frame, cycle: cycle) }
        try writer.close()
        let file = try PcapReader(url: url)
        XCTAssertEqual(file.records.map(\.bytes), frames, "seed \(random.seed)")
        XCTAssertEqual(file.records.map(\.cycle), cycles)
        XCTAssertEqual(file.records.map(\.originalLength), frames.map { UInt32($0.count) })
        XCTAssertEqual(file.linkType, 1)
    }

    func testReaderAcceptsBigEndianFiles() throws {
        var bytes: [UInt8] = [0xA1, 0xB2, 0xC3, 0xD4, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 1]
        bytes += [0, 0, 0, 2, 0, 0, 0, 7, 0, 0, 0, 2, 0, 0, 0, 60, 0x12, 0x34]
        let file = try PcapReader(bytes: bytes)
        XCTAssertEqual([file.versionMajor, file.versionMinor], [2, 4])
        XCTAssertEqual(file.snapLength, 65535)
        XCTAssertEqual(file.records, [PcapRecord(seconds: 2, microseconds: 7, originalLength: 60, bytes: [0x12, 0x34])])
        XCTAssertEqual(file.records.first?.cycle, 2_000_007)
    }

    func testReaderRejectsBrokenFiles() {
        XCTAssertThrowsError(try PcapReader(bytes: [0xD4, 0xC3, 0xB2, 0xA1])) {
            XCTAssertEqual($0 as? PcapReader.FormatError, .tooShortForHeader)
        }
        XCTAssertThrowsError(try PcapReader(bytes: [UInt8](repeating: 0, count: 24))) {
            XCTAssertEqual($0 as? PcapReader.FormatError, .unknownMagic(0))
        }
        let header: [UInt8] = [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0] + [UInt8](repeating: 0, count: 8)
            + [0xFF, 0xFF, 0, 0, 1, 0, 0, 0]
        let recordClaimingTenBytes: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 1, 2, 3]
        XCTAssertThrowsError(try PcapReader(bytes: header + recordClaimingTenBytes)) {
            XCTAssertEqual($0 as? PcapReader.FormatError, .truncatedRecord(index: 0))
        }
    }

    func testFromEnvironmentWritesOnlyWhenAsked() throws {
        let saved = ProcessInfo.processInfo.environment["TTP_PCAP_DIR"]
        defer { restoreEnvironment("TTP_PCAP_DIR", to: saved) }

        unsetenv("TTP_PCAP_DIR")
        XCTAssertNil(try PcapWriter.fromEnvironment(name: "unused"))

        let pcapDirectory = directory.appendingPathComponent("nested/pcaps")
        setenv("TTP_PCAP_DIR", pcapDirectory.path, 1)
        let writer = try XCTUnwrap(try PcapWriter.fromEnvironment(name: "bench"))
        XCTAssertEqual(writer.url.path, pcapDirectory.appendingPathComponent("bench.pcap").path)
        try writer.write([1, 2, 3], cycle: 5)
        try writer.close()
        XCTAssertEqual(try PcapReader(url: writer.url).records.map(\.bytes), [[1, 2, 3]])
    }

    private func restoreEnvironment(_ name: String, to value: String?) {
        if let value { setenv(name, value, 1) } else { unsetenv(name) }
    }
}
