import HDL

/// The receive rules of a TTPoE frame, evaluated on its header bytes, its
/// length and the MAC's FCS flag (combinational). `reject` has one bit per
/// `TTPDropReason`, in that order (bit 0 = badFCS ... bit 6 = badOpcode), and
/// at most one bit set: the first rule the frame breaks. A rule needing bytes
/// past the frame end passes, so a short frame is `tooShort` unless its
/// EtherType or destination (when present) already fail.
///
/// `frame_bytes` and `fcs_bad` are only meaningful on the last beat; the
/// `record` whenever the header is complete.
public final class RxHeaderCheck: Module {
    public let header = Input(WireLayout.headerBytes * 8)
    public let frameBytes = Input(RxHeaderCheck.frameBytesBits)
    public let fcsBad = Input(1)
    public let localMac = Input(48)

    public let reject = Output(RxHeaderCheck.reasonCount)
    /// No rule broken.
    public let accept = Output(1)
    /// The header's fields; the peer is the frame's source MAC, the payload
    /// length TSH length - 26 (it wraps when the TSH length is below 26;
    /// `reject` says so).
    public let record = Output(FrameHeader.width)

    /// Wide enough for any frame the beat counter can count.
    static let frameBytesBits = 24
    /// badFCS, wrongEtherType, wrongDestination, tooShort, badHeaderLength, badLength, badOpcode.
    static let reasonCount = 7

    let etherType: UInt16
    let maxPayload: Int

    public init(etherType: UInt16, maxPayload: Int) {
        self.etherType = etherType
        self.maxPayload = maxPayload
    }

    public var moduleName: String { "ttp_rx_header_check" }

    /// Header byte `offset`.
    private func byte(_ offset: Int) -> Bits { header.bits(8 * offset + 7, 8 * offset) }

    /// The big-endian field of `count` bytes at `offset` (first byte in the MSBs).
    private func field(_ offset: Int, bytes count: Int) -> Bits {
        cat((offset..<(offset + count)).map { byte($0) })
    }

    public var body: Logic {
        let tthLength = field(WireLayout.tthLength, bytes: 2).named("tth_length")
        let tshLength = field(WireLayout.tshLength, bytes: 2).named("tsh_length")
        let opcodeByte = byte(WireLayout.opcode).named("opcode_byte")
        let broken: [Bits] = [
            fcsBad.bits,
            (frameBytes >= 14 && field(WireLayout.etherType, bytes: 2) != Int(etherType)).named("wrong_ether_type"),
            (frameBytes >= 6 && field(WireLayout.destinationMAC, bytes: 6) != localMac).named("wrong_destination"),
            (frameBytes < WireLayout.headerBytes).named("too_short"),
            (byte(WireLayout.tthFlags).named("tth_flags").bits(3, 0) != WireLayout.tthWords).named("bad_header_length"),
            lengthsBroken(tthLength: tthLength, tshLength: tshLength).named("bad_length"),
            (opcodeByte.bits(5, 0) >= WireLayout.opcodeCount).named("bad_opcode"),
        ]
        // Only the first broken rule counts: bit i is set when rule i breaks and no earlier one does.
        reject <== cat(broken.indices.reversed().map { i in
            broken[i] && !cat(Array(broken[..<i]) + [lit(0, 1)]).orReduce()
        })
        accept <== !cat(broken).orReduce()
        record <== Packed<FrameHeader>.pack {
            $0.opcode = opcodeByte.bits(5, 0)
            $0.vc = byte(WireLayout.vc)
            $0.peerMAC = field(WireLayout.sourceMAC, bytes: 6)
            $0.txID = field(WireLayout.txID, bytes: 4)
            $0.rxID = field(WireLayout.rxID, bytes: 4)
            $0.payloadLength = tshLength - WireLayout.tshOverhead
        }
    }

    /// TSH length >= 26, TSH length == TTH length - 20 (the 20 TTH bytes),
    /// the payload ends within the frame, and it is at most `maxPayload` bytes
    /// (the payload buffer is sized for that).
    private func lengthsBroken(tthLength: Bits, tshLength: Bits) -> Bits {
        let tthBytes = WireLayout.tthOverhead - WireLayout.tshOverhead
        let tooSmall = tshLength < WireLayout.tshOverhead
        let disagree = tshLength.zext(to: 17) + tthBytes != tthLength.zext(to: 17)
        let pastEnd = tshLength.zext(to: RxHeaderCheck.frameBytesBits)
            + (WireLayout.headerBytes - WireLayout.tshOverhead) > frameBytes
        let tooLong = tshLength > WireLayout.tshOverhead + maxPayload
        return tooSmall || disagree || pastEnd || tooLong
    }
}
