/// Byte offsets and sizes of a TTPoE frame on the wire, from
/// `WIRE-FORMAT.md` (offsets from the first destination MAC byte, fields
/// big-endian). The RX parser and TX builder both read their layout here.
public enum WireLayout {
    public static let destinationMAC = 0      // 6 bytes
    public static let sourceMAC = 6           // 6 bytes
    public static let etherType = 12          // 2 bytes
    public static let tthFlags = 14           // styp[7:6], vers[5:4], tthl[3:0]
    public static let tthGateway = 15
    public static let tthLength = 16          // 2 bytes: 46 + payload length
    public static let tshSourceNode = 34      // 3 bytes: source MAC bytes 3..5
    public static let tshDestinationNode = 37 // 3 bytes: destination MAC bytes 3..5
    public static let tshLength = 40          // 2 bytes: 26 + payload length
    public static let opcode = 42             // reserved[7:6], opcode[5:0]
    public static let vc = 43
    public static let txID = 52               // 4 bytes
    public static let rxID = 56               // 4 bytes
    /// The header is 60 bytes; the payload starts here.
    public static let headerBytes = 60

    /// TTH tthl: the transport header is 5 words.
    public static let tthWords = 5
    /// TTH length minus payload length.
    public static let tthOverhead = 46
    /// TSH length minus payload length.
    public static let tshOverhead = 26
    /// Frames shorter than this are zero-padded to it.
    public static let minimumFrameBytes = 64
    /// Opcodes 0x00 ... 0x0A are defined (OPEN ... NACK_NOLINK).
    public static let opcodeCount = 11
    /// Width of the opcode field.
    public static let opcodeBits = 6
}
