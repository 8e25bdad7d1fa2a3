/// One TTPoE frame in raw Ethernet mode, as laid out in
/// `/work/shared/reference/WIRE-FORMAT.md` (the authority for every offset here).
///
/// Only the fields a sender chooses are stored. The rest are fixed on send:
/// TTH byte 14 = `0x05`, byte 15 = `0x00`, 16 zero pad bytes, TSH tx, rx, epoch,
/// congestion, reserved and extension all zero; TSH src_node / dst_node are
/// the low three bytes of the source / destination MAC. A receiver ignores
/// those fixed fields, so `decode` does not check them.
public struct TTPFrame: Hashable, Sendable, CustomStringConvertible {
    /// The EtherType IEEE registered for TTP.
    public static let defaultEtherType: UInt16 = 0x9AC6
    /// Bytes from the destination MAC to the end of the TSH (14 Ethernet + 20 TTH + 26 TSH).
    public static let headerLength = 60
    /// Frames are padded with zero bytes to this length (the MAC adds the 4-byte FCS).
    public static let minimumLength = 64
    /// TTH length minus payload length: 20 TTH bytes + 26 TSH bytes.
    public static let transportHeaderOverhead = 46
    /// TSH length minus payload length.
    public static let sessionHeaderLength = 26
    /// Longest payload whose TTH length still fits in 16 bits.
    public static let maxPayloadLength = 0xFFFF - transportHeaderOverhead
    /// Longest payload that fits a standard 1500-byte Ethernet MTU (1500 - 46).
    public static let maxPayloadLengthForStandardMTU = 1500 - transportHeaderOverhead

    public var destination: MACAddress
    public var source: MACAddress
    public var etherType: UInt16
    public var opcode: TTPOpcode
    /// Virtual channel number (byte 43); see `TTPVirtualChannel` for the named ones.
    public var vc: UInt8
    public var txID: UInt32
    public var rxID: UInt32
    /// Host bytes, carried verbatim from byte 60.
    public var payload: [UInt8]

    public init(
        destination: MACAddress, source: MACAddress, etherType: UInt16 = TTPFrame.defaultEtherType,
        opcode: TTPOpcode, vc: UInt8 = 0, txID: UInt32 = 0, rxID: UInt32 = 0, payload: [UInt8] = []
    ) {
        self.destination = destination
        self.source = source
        self.etherType = etherType
        self.opcode = opcode
        self.vc = vc
        self.txID = txID
        self.rxID = rxID
        self.payload = payload
    }

    /// A one-line summary in the same form as the dissector's Info column,
    /// e.g. `PAYLOAD tx=5 rx=0 len=100`.
    public var description: String {
        "\(opcode.mnemonic) tx=\(txID) rx=\(rxID) len=\(payload.count)"
    }
}

// MARK: - Encoding

extension TTPFrame {
    /// The frame's bytes from the destination MAC on, without FCS, zero-padded to 64.
    public func encode() -> [UInt8] {
        precondition(payload.count <= Self.maxPayloadLength, "payload of \(payload.count) bytes is too long")
        var bytes = ethernetHeader() + transportHeader() + sessionHeader() + payload
        if bytes.count < Self.minimumLength {
            bytes += [UInt8](repeating: 0, count: Self.minimumLength - bytes.count)
        }
        return bytes
    }

    /// Bytes 0..13: destination MAC, source MAC, EtherType.
    private func ethernetHeader() -> [UInt8] {
        destination.bytes + source.bytes + bigEndian(etherType)
    }

    /// Bytes 14..33: the TTH (styp/vers/tthl, gw, total length, 16 pad bytes).
    private func transportHeader() -> [UInt8] {
        let length = UInt16(Self.transportHeaderOverhead + payload.count)
        return [0x05, 0x00] + bigEndian(length) + [UInt8](repeating: 0, count: 16)
    }

    /// Bytes 34..59: the TSH (nodes, length, opcode, vc, tx, rx, epoch,
    /// congestion, reserved, extension, TxID, RxID).
    private func sessionHeader() -> [UInt8] {
        let length = UInt16(Self.sessionHeaderLength + payload.count)
        var bytes = source.nodeID + destination.nodeID + bigEndian(length)
        bytes += [opcode.rawValue, vc, 0, 0]  // opcode, vc, tx, rx
        bytes += [0, 0, 0, 0, 0, 0]  // epoch (2), congestion, reserved (2), extension
        return bytes + bigEndian(txID) + bigEndian(rxID)
    }
}

// MARK: - Decoding

extension TTPFrame {
    /// Applies the receive rules of the hardware RX parser to `bytes` (a frame
    /// without FCS) and returns the frame, or the first reason to drop it in
    /// `TTPDropReason` order. `localMAC` nil accepts any destination.
    /// Never returns `.badFCS`: that is a bus flag, not a property of the bytes.
    /// `maxPayload` (nil: no limit) makes a longer payload `badLength`, as in
    /// a receiver whose payload buffer is sized for that many bytes.
    public static func decode(
        _ bytes: [UInt8], etherType: UInt16 = TTPFrame.defaultEtherType, localMAC: MACAddress?,
        maxPayload: Int? = nil
    ) -> Result<TTPFrame, TTPDropReason> {
        if let reason = dropReason(bytes, etherType: etherType, localMAC: localMAC, maxPayload: maxPayload) {
            return .failure(reason)
        }
        return .success(fields(of: bytes))
    }

    /// The first receive rule `bytes` breaks, or nil if the frame is accepted.
    /// A rule needing bytes past the frame end passes; `tooShort` catches the frame.
    /// A payload longer than `maxPayload` (when given) is `badLength`.
    public static func dropReason(
        _ bytes: [UInt8], etherType: UInt16 = TTPFrame.defaultEtherType, localMAC: MACAddress?,
        maxPayload: Int? = nil
    ) -> TTPDropReason? {
        if bytes.count >= 14, readBigEndian16(bytes, at: 12) != etherType { return .wrongEtherType }
        if let localMAC, bytes.count >= 6, Array(bytes[0..<6]) != localMAC.bytes { return .wrongDestination }
        if bytes.count < headerLength { return .tooShort }
        if bytes[14] & 0x0F != 5 { return .badHeaderLength }
        if !lengthsAreConsistent(bytes) { return .badLength }
        if let maxPayload, Int(readBigEndian16(bytes, at: 40)) - sessionHeaderLength > maxPayload { return .badLength }
        if TTPOpcode(rawValue: bytes[42] & 0x3F) == nil { return .badOpcode }
        return nil
    }

    /// TSH length >= 26, TSH length == TTH length - 20, and the payload fits in the frame.
    private static func lengthsAreConsistent(_ bytes: [UInt8]) -> Bool {
        let tthLength = Int(readBigEndian16(bytes, at: 16))
        let tshLength = Int(readBigEndian16(bytes, at: 40))
        return tshLength >= sessionHeaderLength
            && tshLength == tthLength - 20
            && headerLength + (tshLength - sessionHeaderLength) <= bytes.count
    }

    /// Reads the stored fields of a frame that passed every receive rule.
    private static func fields(of bytes: [UInt8]) -> TTPFrame {
        let payloadLength = Int(readBigEndian16(bytes, at: 40)) - sessionHeaderLength
        return TTPFrame(
            destination: MACAddress(bytes: Array(bytes[0..<6])),
            source: MACAddress(bytes: Array(bytes[6..<12])),
            etherType: readBigEndian16(bytes, at: 12),
            opcode: TTPOpcode(rawValue: bytes[42] & 0x3F)!,
            vc: bytes[43],
            txID: readBigEndian32(bytes, at: 52),
            rxID: readBigEndian32(bytes, at: 56),
            payload: Array(bytes[headerLength..<(headerLength + payloadLength)]))
    }
}

// MARK: - Big-endian helpers

/// The bytes of `value`, most significant first.
func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<(T.bitWidth / 8)).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
}

/// The big-endian 16-bit number at `bytes[offset...offset+1]`.
func readBigEndian16(_ bytes: [UInt8], at offset: Int) -> UInt16 {
    UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
}

/// The big-endian 32-bit number at `bytes[offset...offset+3]`.
func readBigEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[offset + $1]) }
}
