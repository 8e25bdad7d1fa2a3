import HDL

/// The 60 header bytes of a TX frame (Ethernet + TTH + TSH, WIRE-FORMAT.md),
/// from the descriptor and the local MAC, laid out as the bus carries them:
/// frame byte i in `header[8*i+7 : 8*i]`. Every field not chosen by the
/// descriptor is a constant (mostly zero), which synthesis folds away.
///
/// Combinational.
public final class TxHeader: Module {
    /// This endpoint's MAC, first wire byte in bits [47:40].
    public let localMac = Input(48)
    /// The frame's fields; the peer MAC is the destination, same convention.
    public let descriptor = Input(FrameHeader.width)
    /// Frame bytes 0 ... 59, byte 0 in the low bits.
    public let header = Output(8 * WireLayout.headerBytes)

    let etherType: UInt16

    public init(etherType: UInt16) {
        self.etherType = etherType
    }

    public var moduleName: String { "ttp_tx_header" }

    public var body: Logic {
        // cat() puts its first argument in the MSBs: the last byte goes first.
        header <== cat(headerBytes.reversed())
    }

    /// The 60 header bytes in wire order.
    private var headerBytes: [Bits] {
        let bytes = ethernetHeader + transportHeader + sessionHeader
        precondition(bytes.count == WireLayout.headerBytes, "the header is \(bytes.count) bytes")
        return bytes
    }

    private var fields: Packed<FrameHeader> { Packed(descriptor) }

    /// Bytes 0 ... 13: destination MAC, source MAC, EtherType.
    private var ethernetHeader: [Bits] {
        bigEndianBytes(fields.peerMAC) + bigEndianBytes(localMac) + bigEndianBytes(lit(UInt64(etherType), 16).named("ether_type"))
    }

    /// Bytes 14 ... 33: TTH flags (tthl = 5 words), gateway 0, total length
    /// (46 + payload), 16 pad bytes.
    private var transportHeader: [Bits] {
        let length = (fields.payloadLength + WireLayout.tthOverhead).named("tth_length")
        return [lit(UInt64(WireLayout.tthWords), 8), lit(0, 8)] + bigEndianBytes(length) + zeroBytes(16)
    }

    /// Bytes 34 ... 59: TSH node IDs (MAC bytes 3 ... 5), length (26 +
    /// payload), opcode with reserved bits 0, vc, eight zero bytes (tx, rx,
    /// epoch, congestion, reserved, extension), TxID, RxID.
    private var sessionHeader: [Bits] {
        let length = (fields.payloadLength + WireLayout.tshOverhead).named("tsh_length")
        let opcodeByte = fields.opcode.zext(to: 8)
        let sourceNode = localMac.bits(23, 0).named("src_node")
        let destinationNode = fields.peerMAC.bits(23, 0).named("dst_node")
        return bigEndianBytes(sourceNode) + bigEndianBytes(destinationNode) + bigEndianBytes(length)
            + [opcodeByte, fields.vc] + zeroBytes(8) + bigEndianBytes(fields.txID) + bigEndianBytes(fields.rxID)
    }

    /// The bytes of `value` in wire order: most significant first.
    private func bigEndianBytes(_ value: some BitsConvertible) -> [Bits] {
        precondition(value.width % 8 == 0, "a field of whole bytes")
        return stride(from: value.width - 8, through: 0, by: -8).map { value.bits($0 + 7, $0) }
    }

    private func zeroBytes(_ count: Int) -> [Bits] {
        Array(repeating: lit(0, 8), count: count)
    }
}
