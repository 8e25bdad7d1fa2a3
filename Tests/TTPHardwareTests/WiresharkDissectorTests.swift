import Foundation
import TTPTestbench
import XCTest

/// Runs tshark with `tools/wireshark/ttpoe.lua` over pcaps of random frames and
/// checks every field it prints against the frames written. Skipped when tshark
/// is not on PATH (`scripts/bootstrap` installs it). Set `HDL_SEED` to replay.
final class WiresharkDissectorTests: XCTestCase {
    /// The dissector, found from this file: `<root>/Tests/TTPHardwareTests/<this file>`.
    private let dissector = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tools/wireshark/ttpoe.lua")

    private static let fieldNames = [
        "ttpoe.opcode", "ttpoe.txid", "ttpoe.rxid", "ttpoe.vc", "ttpoe.length",
        "ttpoe.payload_length", "ttpoe.tth.tthl", "ttpoe.tth.length", "ttpoe.src_node", "ttpoe.dst_node",
        "_ws.col.Protocol", "_ws.col.Info",
    ]

    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("WiresharkDissectorTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    func testEveryFieldOfRandomFramesIsShown() throws {
        let tshark = try requireTshark()
        var random = WireRandom.fromEnvironment()
        print("\(name): seed \(random.seed) (replay with HDL_SEED=\(random.seed))")
        let frames = TTPOpcode.allCases.map { sample($0) } + (0..<300).map { _ in random.frame(maxPayload: 1454) }
        let rows = try tshark.fields(
            pcap: try writePcap(frames.map { $0.encode() }), luaScript: dissector, fields: Self.fieldNames)
        XCTAssertEqual(rows.count, frames.count)
        for (index, (frame, row)) in zip(frames, rows).enumerated() {
            XCTAssertEqual(row, expectedRow(frame), "frame \(index + 1), seed \(random.seed)")
        }
    }

    func testEtherTypePreferenceMovesTheDissector() throws {
        let tshark = try requireTshark()
        let frame = TTPFrame(
            destination: MACAddress(0x98ED_5C00_0002), source: MACAddress(0x98ED_5C00_0001),
            etherType: 0x0AC6, opcode: .nack, vc: 1, rxID: 77)
        let pcap = try writePcap([frame.encode()])
        let moved = try tshark.fields(
            pcap: pcap, luaScript: dissector, fields: Self.fieldNames, preferences: ["ttpoe.ethertype": "2758"])
        XCTAssertEqual(moved, [expectedRow(frame)])
        let unmoved = try tshark.fields(pcap: pcap, luaScript: dissector, fields: ["ttpoe.opcode"])
        XCTAssertEqual(unmoved, [[""]], "0x0AC6 is not TTPoE by default")
    }

    func testMalformedFramesAreFlaggedNotFatal() throws {
        let tshark = try requireTshark()
        var random = WireRandom.fromEnvironment()
        print("\(name): seed \(random.seed) (replay with HDL_SEED=\(random.seed))")
        let local = MACAddress(0x98ED_5C00_0009)
        let reasons: [TTPDropReason] = [.tooShort, .badHeaderLength, .badLength, .badOpcode]
        let frames = reasons.flatMap { malformedFrames($0, count: 10, localMAC: local, random: &random) }
        let rows = try tshark.fields(
            pcap: try writePcap(frames), luaScript: dissector, fields: ["_ws.col.Protocol", "_ws.expert.message"])
        XCTAssertEqual(rows.count, frames.count)
        for (index, row) in rows.enumerated() {
            XCTAssertEqual(row.first, "TTPoE", "frame \(index + 1), seed \(random.seed)")
            XCTAssertNotEqual(row.last, "", "frame \(index + 1) has no expert info, seed \(random.seed)")
        }
    }

    // MARK: - Helpers

    /// tshark, or a skip when it is not installed.
    private func requireTshark() throws -> Tshark {
        guard let tshark = Tshark.locate() else { throw XCTSkip("tshark is not on PATH; run scripts/bootstrap") }
        return tshark
    }

    /// `count` frames broken for `reason`, each with at least one byte after the
    /// EtherType: Wireshark calls no EtherType dissector for an empty remainder.
    private func malformedFrames(
        _ reason: TTPDropReason, count: Int, localMAC: MACAddress, random: inout WireRandom
    ) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        while frames.count < count {
            let bytes = random.malformedFrame(reason, localMAC: localMAC)
            if bytes.count > 14 { frames.append(bytes) }
        }
        return frames
    }

    /// Writes `frames` to a fresh pcap in this test's directory, one cycle apart.
    private func writePcap(_ frames: [[UInt8]]) throws -> URL {
        let url = directory.appendingPathComponent("frames.pcap")
        let writer = try PcapWriter(url: url)
        for (cycle, frame) in frames.enumerated() { try writer.write(frame, cycle: UInt64(cycle)) }
        try writer.close()
        return url
    }

    /// A frame with `opcode` and recognisable field values.
    private func sample(_ opcode: TTPOpcode) -> TTPFrame {
        TTPFrame(
            destination: MACAddress(0x98ED_5C12_3456), source: MACAddress(0x98ED_5CAB_CDEF),
            opcode: opcode, vc: opcode.rawValue % 3, txID: 1000 + UInt32(opcode.rawValue),
            rxID: 0xFFFF_FFFF - UInt32(opcode.rawValue), payload: opcode == .payload ? [1, 2, 3, 4, 5] : [])
    }

    /// What tshark should print for `frame` under `fieldNames`, written from WIRE-FORMAT.md.
    private func expectedRow(_ frame: TTPFrame) -> [String] {
        let length = frame.payload.count
        return [
            hex(UInt64(frame.opcode.rawValue), digits: 2), String(frame.txID), String(frame.rxID),
            String(frame.vc), String(26 + length), String(length), "5", String(46 + length),
            hex(frame.source.uint64 & 0xFF_FFFF, digits: 6),
            hex(frame.destination.uint64 & 0xFF_FFFF, digits: 6),
            "TTPoE", "\(frame.opcode.mnemonic) tx=\(frame.txID) rx=\(frame.rxID) len=\(length)",
        ]
    }

    /// `value` as tshark prints a hex field: `0x`, lower case, zero-padded to `digits`.
    private func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
