import HDL

/// A frame at the edge of a receive rule, with the verdict WIRE-FORMAT.md
/// and the rule table of `TTPDropReason` give it, written out by hand (not
/// computed by `TTPFrame.decode`, which a test checks against these).
public struct BoundaryFrame: Sendable, CustomStringConvertible {
    public let label: String
    public let bytes: [UInt8]
    /// Raise the MAC's FCS-bad flag (`tuser`) on the last beat.
    public let badFCS: Bool
    /// nil: the frame is accepted.
    public let expected: TTPDropReason?

    public var description: String { "\(label) (\(expected.map { "\($0)" } ?? "accepted"))" }
}

extension SeededRandom {
    /// Frames on both sides of every receive rule, for a receiver with
    /// `localMAC`, `etherType` and `maxPayload`: lengths 25/26 and at the
    /// limit, the payload ending at / one byte past the frame end, TTH and TSH
    /// lengths one apart, opcodes 0x0A/0x0B with and without reserved bits,
    /// tthl 4/5/6, frames cut before and after each field a rule reads, every
    /// destination byte and both EtherType bytes one bit off, ignored fields
    /// all ones, extreme vc and IDs, and a bad FCS. Random where nothing is
    /// decided (MACs, IDs, payload bytes, ignored fields), so every run sees
    /// the same edges with new surroundings.
    public mutating func boundaryFrames(
        localMAC: MACAddress, etherType: UInt16 = TTPFrame.defaultEtherType, maxPayload: Int
    ) -> [BoundaryFrame] {
        precondition(maxPayload >= 4, "the frame-end cases need payloads past the 64-byte padding")
        var frames: [BoundaryFrame] = []
        func add(_ label: String, _ expected: TTPDropReason?, badFCS: Bool = false, _ bytes: [UInt8]) {
            frames.append(BoundaryFrame(label: label, bytes: bytes, badFCS: badFCS, expected: expected))
        }
        /// A PAYLOAD of `length` random bytes to `localMAC`, ignored fields random.
        func payload(_ length: Int) -> [UInt8] {
            var frame = self.frame(to: localMAC, etherType: etherType, maxPayload: maxPayload)
            frame.opcode = .payload
            frame.payload = self.bytes(length)
            var bytes = frame.encode()
            scrambleIgnoredFields(&bytes)
            return bytes
        }
        func withLengths(_ bytes: [UInt8], tsh: Int, tth: Int) -> [UInt8] {
            var bytes = bytes
            bytes.replaceSubrange(16..<18, with: bigEndian(UInt16(tth)))
            bytes.replaceSubrange(40..<42, with: bigEndian(UInt16(tsh)))
            return bytes
        }
        func flipped(_ bytes: [UInt8], _ offset: Int) -> [UInt8] {
            var bytes = bytes
            bytes[offset] ^= 0xFF
            return bytes
        }
        func with(_ bytes: [UInt8], _ offset: Int, _ value: UInt8) -> [UInt8] {
            var bytes = bytes
            bytes[offset] = value
            return bytes
        }

        // Lengths.
        add("TSH length 26, empty payload", nil, payload(0))
        add("TSH length 25", .badLength, withLengths(payload(0), tsh: 25, tth: 45))
        add("TSH length 0", .badLength, withLengths(payload(0), tsh: 0, tth: 20))
        add("payload of max-payload bytes", nil, payload(maxPayload))
        add("payload of max-payload + 1 bytes", .badLength, payload(maxPayload + 1))
        add("TTH length = TSH length + 19", .badLength, withLengths(payload(10), tsh: 36, tth: 55))
        add("TTH length = TSH length + 21", .badLength, withLengths(payload(10), tsh: 36, tth: 57))
        let filling = min(maxPayload, 100)
        add("payload ends at the frame end", nil, payload(filling))
        add("payload 1 byte past the frame end", .badLength,
            withLengths(payload(filling), tsh: 27 + filling, tth: 47 + filling))
        add("frame of exactly 60 bytes", nil, Array(payload(0).prefix(60)))
        // Opcodes and header length.
        add("opcode 0x0A", nil, with(payload(0), 42, 0x0A))
        add("opcode 0x0A, reserved bits set", nil, with(payload(0), 42, 0xCA))
        add("opcode 0x0B", .badOpcode, with(payload(0), 42, 0x0B))
        add("opcode 0x0B, reserved bits set", .badOpcode, with(payload(0), 42, 0xCB))
        add("opcode 0x3F", .badOpcode, with(payload(0), 42, 0x3F))
        add("tthl 4", .badHeaderLength, with(payload(0), 14, 0x04))
        add("tthl 6", .badHeaderLength, with(payload(0), 14, 0x06))
        add("tthl 5, styp and vers all ones", nil, with(payload(0), 14, 0xF5))
        // Frames cut short around the fields the rules read.
        add("frame of 59 bytes", .tooShort, Array(payload(0).prefix(59)))
        add("frame of 14 bytes", .tooShort, Array(payload(0).prefix(14)))
        add("frame of 13 bytes, EtherType cut", .tooShort, Array(payload(0).prefix(13)))
        add("frame of 14 bytes, wrong EtherType", .wrongEtherType, Array(flipped(payload(0), 13).prefix(14)))
        add("frame of 6 bytes", .tooShort, Array(payload(0).prefix(6)))
        add("frame of 5 bytes, destination cut", .tooShort, Array(flipped(payload(0), 4).prefix(5)))
        add("frame of 1 byte", .tooShort, Array(payload(0).prefix(1)))
        // Addresses and type, one bit off.
        for byte in 0..<6 {
            let bit = UInt8(1) << UInt8.random(in: 0...7, using: &self)
            var bytes = payload(0)
            bytes[byte] ^= bit
            add("destination byte \(byte) one bit off", .wrongDestination, bytes)
        }
        for byte in 12..<14 {
            var bytes = payload(0)
            bytes[byte] ^= UInt8(1) << UInt8.random(in: 0...7, using: &self)
            add("EtherType byte \(byte - 12) one bit off", .wrongEtherType, bytes)
        }
        // Fields a receiver ignores or passes on.
        var loud = payload(20)
        for range in [15..<16, 18..<40, 44..<52] { loud.replaceSubrange(range, with: repeatElement(0xFF, count: range.count)) }
        loud[14] = 0xF5
        loud[42] |= 0xC0
        add("ignored fields all ones", nil, loud)
        var extreme = payload(5)
        extreme[43] = 0xFF
        extreme.replaceSubrange(52..<60, with: [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0])
        add("vc 255, TxID 0xFFFFFFFF, RxID 0", nil, extreme)
        add("bad FCS on a valid frame", .badFCS, badFCS: true, payload(30))
        return frames
    }
}
