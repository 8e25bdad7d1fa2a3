import Foundation
import HDL

/// The seeded generator of the wire-format tests: the HDL's `SeededRandom`
/// (SplitMix64; `HDL_SEED` replays a run), with helpers below that draw valid
/// random TTPoE frames and malformed variants for each drop reason.
public typealias WireRandom = SeededRandom

// MARK: - Valid frames

extension SeededRandom {
    /// A random unicast, locally administered MAC address.
    public mutating func macAddress() -> MACAddress {
        let value = next() & 0xFFFF_FFFF_FFFF
        return MACAddress((value & ~(0x01 << 40)) | (0x02 << 40))
    }

    /// A payload length in `0...maxPayload`, hitting the edges (0, 1, 3, 4, 5, max)
    /// about half of the time, since padding and beat boundaries live there.
    public mutating func payloadLength(max maxPayload: Int) -> Int {
        let edges = [0, 1, 3, 4, 5, maxPayload].filter { $0 <= maxPayload }
        if Bool.random(using: &self) { return edges.randomElement(using: &self)! }
        return Int.random(in: 0...maxPayload, using: &self)
    }

    /// A valid frame: random opcode, vc 0...2 half of the time and any byte
    /// otherwise (a receiver passes the vc on whatever it is), random 32-bit IDs; a PAYLOAD
    /// carries `0...maxPayload` random bytes (default 1024, the spec's 16 data
    /// beats), other opcodes none. MACs are random when not given.
    public mutating func frame(
        from source: MACAddress? = nil, to destination: MACAddress? = nil,
        etherType: UInt16 = TTPFrame.defaultEtherType, maxPayload: Int = 1024
    ) -> TTPFrame {
        let opcode = TTPOpcode.allCases.randomElement(using: &self)!
        let payloadLength = opcode == .payload ? payloadLength(max: maxPayload) : 0
        return TTPFrame(
            destination: destination ?? macAddress(), source: source ?? macAddress(),
            etherType: etherType, opcode: opcode, vc: virtualChannel(),
            txID: UInt32.random(in: .min ... .max, using: &self),
            rxID: UInt32.random(in: .min ... .max, using: &self),
            payload: bytes(payloadLength))
    }
}

extension SeededRandom {
    /// A vc: one of the spec's three (0...2) half of the time, any byte otherwise.
    public mutating func virtualChannel() -> UInt8 {
        chance(0.5) ? UInt8.random(in: 0...2, using: &self) : UInt8.random(in: 0...255, using: &self)
    }

    /// Fills the bytes of an encoded frame that a receiver must ignore with
    /// random values: TTH styp/vers (byte 14 bits 7..4), gateway (15), padding
    /// (18..33), TSH node IDs (34..39), the opcode's reserved bits (42 bits
    /// 7..6), TSH bytes 44..51 (tx, rx, epoch, congestion, reserved,
    /// extension) and the zero padding after a short payload. The frame
    /// decodes to the same fields afterwards.
    public mutating func scrambleIgnoredFields(_ bytes: inout [UInt8]) {
        guard bytes.count >= TTPFrame.headerLength else { return }
        bytes[14] = (bytes[14] & 0x0F) | (UInt8.random(in: 0...255, using: &self) & 0xF0)
        bytes[42] = (bytes[42] & 0x3F) | (UInt8.random(in: 0...255, using: &self) & 0xC0)
        for range in [15..<16, 18..<40, 44..<52] {
            bytes.replaceSubrange(range, with: self.bytes(range.count))
        }
        let payloadEnd = TTPFrame.headerLength + Int(readBigEndian16(bytes, at: 40)) - TTPFrame.sessionHeaderLength
        if payloadEnd >= TTPFrame.headerLength, payloadEnd < bytes.count { bytes.replaceSubrange(payloadEnd..., with: self.bytes(bytes.count - payloadEnd)) }
    }
}

// MARK: - Malformed frames

extension SeededRandom {
    /// The bytes of a random frame to `localMAC` broken so that the receive
    /// rules drop it for exactly `reason` (every earlier rule still passes).
    ///
    /// The fields a receiver ignores are random (`scrambleIgnoredFields`).
    /// For `.badFCS` the bytes are those of a valid frame: the caller must raise
    /// the bus's FCS-bad flag (`tuser`) itself.
    public mutating func malformedFrame(
        _ reason: TTPDropReason, localMAC: MACAddress, etherType: UInt16 = TTPFrame.defaultEtherType,
        maxPayload: Int = 1024
    ) -> [UInt8] {
        var bytes = frame(to: localMAC, etherType: etherType, maxPayload: maxPayload).encode()
        scrambleIgnoredFields(&bytes)
        switch reason {
        case .badFCS: break
        case .wrongEtherType: breakEtherType(&bytes, etherType: etherType)
        case .wrongDestination: breakDestination(&bytes, localMAC: localMAC)
        case .tooShort: bytes.removeLast(bytes.count - Int.random(in: 14..<TTPFrame.headerLength, using: &self))
        case .badHeaderLength: bytes[14] = (bytes[14] & 0xF0) | randomValue(in: 0...15, except: 5)
        case .badLength: breakLengths(&bytes)
        case .badOpcode: bytes[42] = (bytes[42] & 0xC0) | UInt8.random(in: 0x0B...0x3F, using: &self)
        }
        return bytes
    }

    /// A random value in `range` other than `excluded`.
    private mutating func randomValue<T: FixedWidthInteger>(in range: ClosedRange<T>, except excluded: T) -> T {
        while true {
            let value = T.random(in: range, using: &self)
            if value != excluded { return value }
        }
    }

    /// Replaces bytes 12..13 with a random EtherType other than `etherType`.
    private mutating func breakEtherType(_ bytes: inout [UInt8], etherType: UInt16) {
        bytes.replaceSubrange(12..<14, with: bigEndian(randomValue(in: .min ... .max, except: etherType)))
    }

    /// Replaces bytes 0..5 with a random MAC other than `localMAC`.
    private mutating func breakDestination(_ bytes: inout [UInt8], localMAC: MACAddress) {
        let other = randomValue(in: 0...0xFFFF_FFFF_FFFF, except: localMAC.uint64)
        bytes.replaceSubrange(0..<6, with: MACAddress(other).bytes)
    }

    /// Breaks the TTH/TSH lengths in one of three ways: they disagree, the TSH
    /// length is below 26, or they agree but claim a payload past the frame end.
    private mutating func breakLengths(_ bytes: inout [UInt8]) {
        let tshLength: Int
        let tthLength: Int
        let largestTSHLength = Int(UInt16.max) - 20
        let fitting = bytes.count - TTPFrame.headerLength + TTPFrame.sessionHeaderLength
        let variants = fitting < largestTSHLength ? 3 : 2
        switch Int.random(in: 0..<variants, using: &self) {
        case 0:
            tshLength = Int(readBigEndian16(bytes, at: 40))
            tthLength = Int(randomValue(in: UInt16.min ... UInt16.max, except: UInt16(tshLength + 20)))
        case 1:
            tshLength = Int.random(in: 0..<TTPFrame.sessionHeaderLength, using: &self)
            tthLength = tshLength + 20
        default:
            tshLength = Int.random(in: (fitting + 1)...min(fitting + 200, largestTSHLength), using: &self)
            tthLength = tshLength + 20
        }
        bytes.replaceSubrange(16..<18, with: bigEndian(UInt16(tthLength)))
        bytes.replaceSubrange(40..<42, with: bigEndian(UInt16(tshLength)))
    }
}
