import TTPTestbench
import XCTest

/// Checks the test-side TTPoE wire format against WIRE-FORMAT.md. Expected bytes
/// are written out from the table with literal offsets, not computed by the code
/// under test. Random tests print their seed; set env `HDL_SEED` to replay one.
final class WireFormatTests: XCTestCase {
    private let alice = MACAddress(0x0211_2233_4455)
    private let bob = MACAddress(0x0266_7788_99AA)

    /// A generator from `HDL_SEED` or a fresh seed, printed so the run can be replayed.
    private func seededRandom() -> WireRandom {
        WireRandom.fromEnvironment(name)
    }

    // MARK: - Encoding against the table

    func testOpenEncodesAsTheTableSays() {
        let frame = TTPFrame(destination: bob, source: alice, opcode: .open, vc: 1, txID: 0x1122_3344, rxID: 0)
        var expected = [UInt8](repeating: 0, count: 64)
        expected.replaceSubrange(0..<6, with: [0x02, 0x66, 0x77, 0x88, 0x99, 0xAA])  // destination MAC
        expected.replaceSubrange(6..<12, with: [0x02, 0x11, 0x22, 0x33, 0x44, 0x55])  // source MAC
        expected.replaceSubrange(12..<14, with: [0x9A, 0xC6])  // EtherType
        expected[14] = 0x05  // styp 0, vers 0, tthl 5
        expected[15] = 0x00  // gw 0
        expected.replaceSubrange(16..<18, with: [0x00, 46])  // TTH length 46 + 0
        // 18..<34: TTH padding, zero
        expected.replaceSubrange(34..<37, with: [0x33, 0x44, 0x55])  // src_node = source MAC bytes 3..5
        expected.replaceSubrange(37..<40, with: [0x88, 0x99, 0xAA])  // dst_node = destination MAC bytes 3..5
        expected.replaceSubrange(40..<42, with: [0x00, 26])  // TSH length 26 + 0
        expected[42] = 0x00  // OPEN
        expected[43] = 0x01  // vc REQ_HI
        // 44..<52: tx, rx, epoch, congestion, reserved, extension, zero
        expected.replaceSubrange(52..<56, with: [0x11, 0x22, 0x33, 0x44])  // TxID
        expected.replaceSubrange(56..<60, with: [0x00, 0x00, 0x00, 0x00])  // RxID
        // 60..<64: pad to 64
        XCTAssertEqual(frame.encode(), expected)
    }

    func testPayloadEncodesAsTheTableSays() {
        let payload = (0..<300).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) }
        let frame = TTPFrame(
            destination: alice, source: bob, opcode: .payload, vc: 2, txID: 0xFFFF_FFFE, rxID: 0x0102_0304,
            payload: payload)
        let bytes = frame.encode()
        XCTAssertEqual(bytes.count, 360)
        XCTAssertEqual(Array(bytes[0..<6]), [0x02, 0x11, 0x22, 0x33, 0x44, 0x55])
        XCTAssertEqual(Array(bytes[6..<12]), [0x02, 0x66, 0x77, 0x88, 0x99, 0xAA])
        XCTAssertEqual(Array(bytes[12..<14]), [0x9A, 0xC6])
        XCTAssertEqual(Array(bytes[14..<16]), [0x05, 0x00])
        XCTAssertEqual(Array(bytes[16..<18]), [0x01, 0x5A])  // 46 + 300 = 346
        XCTAssertEqual(Array(bytes[18..<34]), [UInt8](repeating: 0, count: 16))
        XCTAssertEqual(Array(bytes[34..<37]), [0x88, 0x99, 0xAA])
        XCTAssertEqual(Array(bytes[37..<40]), [0x33, 0x44, 0x55])
        XCTAssertEqual(Array(bytes[40..<42]), [0x01, 0x46])  // 26 + 300 = 326
        XCTAssertEqual(Array(bytes[42..<44]), [0x06, 0x02])  // PAYLOAD, vc DATA
        XCTAssertEqual(Array(bytes[44..<52]), [0, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(Array(bytes[52..<56]), [0xFF, 0xFF, 0xFF, 0xFE])
        XCTAssertEqual(Array(bytes[56..<60]), [0x01, 0x02, 0x03, 0x04])
        XCTAssertEqual(Array(bytes[60..<360]), payload)
    }

    func testNonDefaultEtherTypeIsWrittenAndMatched() {
        let frame = TTPFrame(destination: bob, source: alice, etherType: 0x0AC6, opcode: .ack, rxID: 9)
        let bytes = frame.encode()
        XCTAssertEqual(Array(bytes[12..<14]), [0x0A, 0xC6])
        XCTAssertEqual(TTPFrame.decode(bytes, etherType: 0x0AC6, localMAC: bob), .success(frame))
        XCTAssertEqual(TTPFrame.decode(bytes, localMAC: bob), .failure(.wrongEtherType))
    }

    func testShortFramesArePaddedWithZerosTo64() {
        for length in [0, 1, 3, 4, 5, 10] {
            let payload = [UInt8](repeating: 0xEE, count: length)
            let bytes = TTPFrame(destination: bob, source: alice, opcode: .payload, payload: payload).encode()
            XCTAssertEqual(bytes.count, max(64, 60 + length), "payload of \(length)")
            XCTAssertEqual(Array(bytes[60..<(60 + length)]), payload, "payload of \(length)")
            XCTAssertTrue(bytes[(60 + length)...].allSatisfy { $0 == 0 }, "pad after payload of \(length)")
        }
    }

    // MARK: - Round trip

    func testRandomFramesSurviveEncodeThenDecode() throws {
        var random = seededRandom()
        let pcap = try PcapWriter.fromEnvironment(name: "WireFormatTests-roundTrip")
        for index in 0..<2000 {
            let frame = random.frame(maxPayload: 1500)
            let bytes = frame.encode()
            try pcap?.write(bytes, cycle: UInt64(index))
            XCTAssertEqual(bytes.count, max(64, 60 + frame.payload.count))
            XCTAssertEqual(TTPFrame.decode(bytes, localMAC: frame.destination), .success(frame),
                           "frame \(index), seed \(random.seed)")
        }
        try pcap?.close()
    }

    func testDecodeWithoutLocalMACAcceptsAnyDestination() {
        var random = seededRandom()
        let frame = random.frame()
        XCTAssertEqual(TTPFrame.decode(frame.encode(), localMAC: nil), .success(frame), "seed \(random.seed)")
    }

    func testDecodeTakesPayloadLengthFromTSHNotFromFrameLength() {
        let frame = TTPFrame(destination: bob, source: alice, opcode: .payload, txID: 3, payload: [1, 2])
        let withTrailer = frame.encode() + [0xAB, 0xCD, 0xEF]  // 64 bytes of frame + 3 stray bytes
        XCTAssertEqual(TTPFrame.decode(withTrailer, localMAC: bob), .success(frame))
    }

    func testDecodeIgnoresOpcodeReservedBitsAndTTHTypeAndVersion() throws {
        var bytes = TTPFrame(destination: bob, source: alice, opcode: .payload, payload: [7]).encode()
        bytes[42] = 0xC6  // reserved bits 7:6 set, opcode 6
        bytes[14] = 0xF5  // styp 3, vers 3, tthl 5
        let frame = try TTPFrame.decode(bytes, localMAC: bob).get()
        XCTAssertEqual(frame.opcode, .payload)
        XCTAssertEqual(frame.payload, [7])
    }

    // MARK: - Drop reasons

    func testDropReasonsKeepTheHardwareCounterOrder() {
        XCTAssertEqual(
            TTPDropReason.allCases.map(\.description),
            ["badFCS", "wrongEtherType", "wrongDestination", "tooShort", "badHeaderLength", "badLength", "badOpcode"])
        XCTAssertEqual(TTPDropReason.allCases.map(\.rawValue), Array(0..<7))
    }

    func testWrongEtherTypeIsDropped() {
        var bytes = validFrameBytes()
        bytes.replaceSubrange(12..<14, with: [0x08, 0x00])
        XCTAssertEqual(TTPFrame.dropReason(bytes, localMAC: bob), .wrongEtherType)
    }

    func testWrongDestinationIsDropped() {
        XCTAssertEqual(TTPFrame.dropReason(validFrameBytes(), localMAC: alice), .wrongDestination)
        var bytes = validFrameBytes()
        bytes[5] ^= 0x01
        XCTAssertEqual(TTPFrame.dropReason(bytes, localMAC: bob), .wrongDestination)
    }

    func testFramesShorterThanTheHeaderAreDropped() {
        let bytes = TTPFrame(destination: bob, source: alice, opcode: .ack).encode()
        XCTAssertEqual(TTPFrame.dropReason(Array(bytes.prefix(59)), localMAC: bob), .tooShort)
        XCTAssertEqual(TTPFrame.dropReason(Array(bytes.prefix(14)), localMAC: bob), .tooShort)
        XCTAssertNil(TTPFrame.dropReason(Array(bytes.prefix(60)), localMAC: bob), "60 bytes hold a whole header")
    }

    func testHeaderLengthOtherThanFiveIsDropped() {
        for byte14: UInt8 in [0x04, 0x06, 0x00, 0x0F, 0x36] {
            var bytes = validFrameBytes()
            bytes[14] = byte14
            XCTAssertEqual(TTPFrame.dropReason(bytes, localMAC: bob), .badHeaderLength, "byte 14 = \(byte14)")
        }
    }

    func testInconsistentLengthsAreDropped() {
        XCTAssertEqual(dropReason(tthLength: 46 + 10, tshLength: 26 + 11, payload: 10), .badLength)  // disagree
        XCTAssertEqual(dropReason(tthLength: 45, tshLength: 25, payload: 0), .badLength)  // TSH below 26
        XCTAssertEqual(dropReason(tthLength: 19, tshLength: 0, payload: 0), .badLength)  // TTH below 20
        XCTAssertEqual(dropReason(tthLength: 46 + 11, tshLength: 26 + 11, payload: 10), .badLength)  // past the end
        XCTAssertEqual(dropReason(tthLength: 46 + 5, tshLength: 26 + 5, payload: 1), .badLength)  // 65 > 64 bytes
        XCTAssertNil(dropReason(tthLength: 46 + 4, tshLength: 26 + 4, payload: 1), "pad bytes are in the frame")
    }

    func testUnknownOpcodesAreDropped() {
        for byte42: UInt8 in [0x0B, 0x0C, 0x3F, 0x4B, 0xFF] {
            var bytes = validFrameBytes()
            bytes[42] = byte42
            XCTAssertEqual(TTPFrame.dropReason(bytes, localMAC: bob), .badOpcode, "byte 42 = \(byte42)")
        }
    }

    func testFirstBrokenRuleInCounterOrderIsTheReason() {
        var bytes = validFrameBytes()
        bytes[42] = 0x3F  // bad opcode
        bytes[14] = 0x06  // bad tthl
        XCTAssertEqual(TTPFrame.dropReason(bytes, localMAC: bob), .badHeaderLength)
        XCTAssertEqual(TTPFrame.dropReason(bytes, localMAC: alice), .wrongDestination)
        bytes.replaceSubrange(12..<14, with: [0x86, 0xDD])
        XCTAssertEqual(TTPFrame.dropReason(bytes, localMAC: alice), .wrongEtherType)
        let shortARP = Array(validFrameBytes().prefix(12)) + [0x08, 0x06] + [UInt8](repeating: 0, count: 28)
        XCTAssertEqual(TTPFrame.dropReason(shortARP, localMAC: bob), .wrongEtherType, "a 42-byte ARP frame")
    }

    func testGeneratedMalformedFramesAreDroppedForTheirReason() {
        var random = seededRandom()
        for reason in TTPDropReason.allCases where reason != .badFCS {
            for _ in 0..<300 {
                let bytes = random.malformedFrame(reason, localMAC: bob)
                XCTAssertEqual(TTPFrame.dropReason(bytes, localMAC: bob), reason, "seed \(random.seed)")
            }
        }
    }

    func testGeneratedBadFCSFrameHasValidBytes() {
        var random = seededRandom()
        let bytes = random.malformedFrame(.badFCS, localMAC: bob)
        XCTAssertNil(TTPFrame.dropReason(bytes, localMAC: bob), "the FCS flag is on the bus, seed \(random.seed)")
    }

    // MARK: - Names, addresses, serial numbers

    func testOpcodeEncodingsAndMnemonicsFollowTheSpec() {
        let expected: [(UInt8, String)] = [
            (0x00, "OPEN"), (0x01, "OPEN_ACK"), (0x02, "OPEN_NACK"), (0x03, "CLOSE"), (0x04, "CLOSE_ACK"),
            (0x05, "CLOSE_NACK"), (0x06, "PAYLOAD"), (0x07, "ACK"), (0x08, "NACK"), (0x09, "NACK_FULL"),
            (0x0A, "NACK_NOLINK"),
        ]
        XCTAssertEqual(TTPOpcode.allCases.map(\.rawValue), expected.map(\.0))
        XCTAssertEqual(TTPOpcode.allCases.map(\.mnemonic), expected.map(\.1))
    }

    func testMACAddressPutsTheFirstWireByteInTheTopBits() {
        let address = MACAddress(0x98ED_5C00_0001)
        XCTAssertEqual(address.bytes, [0x98, 0xED, 0x5C, 0x00, 0x00, 0x01])
        XCTAssertEqual(address.description, "98:ed:5c:00:00:01")
        XCTAssertEqual(address.uint64, 0x98ED_5C00_0001)
        XCTAssertEqual(MACAddress(bytes: [0xFF, 0, 0xAB, 1, 2, 3]).uint64, 0xFF00_AB01_0203)
    }

    func testSerialNumberComparisonWrapsAround() {
        XCTAssertTrue(TTPSequence.isYounger(1, than: 0))
        XCTAssertFalse(TTPSequence.isYounger(0, than: 1))
        XCTAssertFalse(TTPSequence.isYounger(5, than: 5))
        XCTAssertTrue(TTPSequence.isYounger(0, than: 0xFFFF_FFFF), "0 comes after the wrap")
        XCTAssertFalse(TTPSequence.isYounger(0xFFFF_FFFF, than: 0))
        XCTAssertTrue(TTPSequence.isYounger(0x0000_0010, than: 0xFFFF_FFF0))
        XCTAssertTrue(TTPSequence.isYounger(0x7FFF_FFFF, than: 0), "2^31 - 1 ahead is still younger")
        XCTAssertFalse(TTPSequence.isYounger(0x8000_0000, than: 0), "2^31 apart: neither is younger")
        XCTAssertFalse(TTPSequence.isYounger(0, than: 0x8000_0000), "2^31 apart: neither is younger")
        XCTAssertTrue(TTPSequence.isYounger(0x8000_0000, than: 0x7FFF_FFFF))
    }

    // MARK: - Generator

    func testWireRandomIsSplitMix64() {
        var random = WireRandom(seed: 0)  // reference outputs of SplitMix64 from seed 0
        XCTAssertEqual([random.next(), random.next(), random.next()],
                       [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    func testGeneratedFramesCoverTheirRanges() {
        var random = seededRandom()
        let frames = (0..<3000).map { _ in random.frame(maxPayload: 64) }
        XCTAssertEqual(Set(frames.map(\.opcode)), Set(TTPOpcode.allCases), "seed \(random.seed)")
        let vcs = Set(frames.map(\.vc))
        XCTAssertTrue(vcs.isSuperset(of: [0, 1, 2]) && vcs.contains { $0 > 2 }, "seed \(random.seed)")
        XCTAssertTrue(frames.allSatisfy { $0.opcode == .payload || $0.payload.isEmpty })
        let lengths = Set(frames.filter { $0.opcode == .payload }.map(\.payload.count))
        XCTAssertTrue(lengths.isSuperset(of: [0, 64]) && lengths.isSubset(of: Set(0...64)), "seed \(random.seed)")
    }

    /// Every boundary frame gets from the reference the verdict written beside it.
    func testReferenceAgreesWithEveryBoundaryFrame() {
        var random = seededRandom()
        for maxPayload in [256, 1024] {
            for frame in random.boundaryFrames(localMAC: bob, maxPayload: maxPayload) {
                let verdict = TTPFrame.dropReason(frame.bytes, localMAC: bob, maxPayload: maxPayload)
                XCTAssertEqual(frame.badFCS ? .badFCS : verdict, frame.expected, "\(frame), seed \(random.seed)")
                if frame.badFCS { XCTAssertNil(verdict, "\(frame): the bytes are valid") }
            }
        }
    }

    /// Random ignored fields change no decoded field.
    func testScrambledIgnoredFieldsDecodeToTheSameFrame() {
        var random = seededRandom()
        for _ in 0..<500 {
            let frame = random.frame(to: bob)
            var bytes = frame.encode()
            random.scrambleIgnoredFields(&bytes)
            XCTAssertEqual(TTPFrame.decode(bytes, localMAC: bob), .success(frame), "seed \(random.seed)")
        }
    }

    func testSameSeedGivesSameFrames() {
        var first = WireRandom(seed: 42)
        var second = WireRandom(seed: 42)
        XCTAssertEqual((0..<50).map { _ in first.frame() }, (0..<50).map { _ in second.frame() })
    }

    // MARK: - Helpers

    /// A valid PAYLOAD from alice to bob with a 10-byte payload.
    private func validFrameBytes() -> [UInt8] {
        TTPFrame(destination: bob, source: alice, opcode: .payload, vc: 2, txID: 1, payload: Array(1...10)).encode()
    }

    /// The drop reason of a PAYLOAD carrying `payload` bytes whose TTH and TSH
    /// length fields were overwritten with the given values.
    private func dropReason(tthLength: UInt16, tshLength: UInt16, payload: Int) -> TTPDropReason? {
        var bytes = TTPFrame(
            destination: bob, source: alice, opcode: .payload, payload: [UInt8](repeating: 0x5A, count: payload)
        ).encode()
        bytes.replaceSubrange(16..<18, with: [UInt8(tthLength >> 8), UInt8(tthLength & 0xFF)])
        bytes.replaceSubrange(40..<42, with: [UInt8(tshLength >> 8), UInt8(tshLength & 0xFF)])
        return TTPFrame.dropReason(bytes, localMAC: bob)
    }
}
