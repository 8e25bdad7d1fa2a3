/// A value of any width: the constants of a design and the values a simulator
/// reads and writes. Bits are stored little-endian in 64-bit words (bit 0 is
/// bit 0 of `words[0]`); bits above `width` are always zero.
public struct BitVector: Hashable, Sendable, CustomStringConvertible {
    public let width: Int
    public private(set) var words: [UInt64]

    public static func wordCount(_ width: Int) -> Int { max(1, (width + 63) / 64) }

    /// Zero of the given width.
    public init(width: Int) {
        precondition(width >= 1, "a BitVector is at least 1 bit wide")
        self.width = width
        self.words = Array(repeating: 0, count: Self.wordCount(width))
    }

    /// `value` truncated to `width` bits.
    public init(_ value: UInt64, width: Int) {
        self.init(width: width)
        words[0] = value
        maskTop()
    }

    /// Words little-endian (word 0 holds bits 63..0), truncated to `width`.
    public init(words: [UInt64], width: Int) {
        self.init(width: width)
        for i in 0..<min(words.count, self.words.count) { self.words[i] = words[i] }
        maskTop()
    }

    /// Bytes little-endian: byte 0 is bits 7..0 (the AXI4-Stream byte order).
    public init(bytesLittleEndian bytes: [UInt8], width: Int) {
        self.init(width: width)
        for (i, byte) in bytes.enumerated() where i * 8 < width {
            words[i / 8] |= UInt64(byte) << UInt64((i % 8) * 8)
        }
        maskTop()
    }

    /// Parses hexadecimal digits (an optional `0x` prefix and `_` separators allowed).
    public init?(hex: String, width: Int) {
        self.init(width: width)
        var text = Substring(hex)
        if text.hasPrefix("0x") || text.hasPrefix("0X") { text = text.dropFirst(2) }
        var bit = 0
        for ch in text.reversed() where ch != "_" {
            guard let nibble = ch.hexDigitValue else { return nil }
            if nibble != 0 {
                guard bit + 4 <= width || (nibble >> max(0, width - bit)) == 0 else { return nil }
                words[bit / 64] |= UInt64(nibble) << UInt64(bit % 64)
            }
            bit += 4
        }
    }

    public var isZero: Bool { words.allSatisfy { $0 == 0 } }

    /// The low 64 bits.
    public var low64: UInt64 { words[0] }

    /// Bit `i` (0 = least significant).
    public subscript(bit i: Int) -> Bool {
        get { (words[i / 64] >> UInt64(i % 64)) & 1 == 1 }
        set {
            precondition(i >= 0 && i < width, "bit \(i) out of range for a \(width)-bit value")
            let mask = UInt64(1) << UInt64(i % 64)
            if newValue { words[i / 64] |= mask } else { words[i / 64] &= ~mask }
        }
    }

    /// Bits `hi...lo`, as a value `hi - lo + 1` bits wide.
    public func slice(_ hi: Int, _ lo: Int) -> BitVector {
        var out = BitVector(width: hi - lo + 1)
        for i in 0..<out.width where self[bit: lo + i] { out[bit: i] = true }
        return out
    }

    /// Byte `i` (bits 8i+7..8i), zero past the width.
    public func byte(_ i: Int) -> UInt8 {
        guard i * 8 < width else { return 0 }
        return UInt8(truncatingIfNeeded: words[i / 8] >> UInt64((i % 8) * 8))
    }

    /// The value as `count` bytes, little-endian.
    public func bytesLittleEndian(count: Int? = nil) -> [UInt8] {
        (0..<(count ?? (width + 7) / 8)).map(byte)
    }

    /// Number of bits needed to hold the value (at least 1).
    public var significantBits: Int {
        for w in stride(from: words.count - 1, through: 0, by: -1) where words[w] != 0 {
            return w * 64 + (64 - words[w].leadingZeroBitCount)
        }
        return 1
    }

    /// The same value zero-extended or truncated to `newWidth`.
    public func resized(to newWidth: Int) -> BitVector {
        BitVector(words: words, width: newWidth)
    }

    /// Hex digits, most significant first, exactly `ceil(width / 4)` of them.
    public var hexDigits: String {
        let digits = (width + 3) / 4
        var out = ""
        out.reserveCapacity(digits)
        for d in stride(from: digits - 1, through: 0, by: -1) {
            let nibble = (words[(d * 4) / 64] >> UInt64((d * 4) % 64)) & 0xF
            out.append(Character(String(nibble, radix: 16)))
        }
        return out
    }

    /// Verilog literal, e.g. `8'h2a`.
    public var verilogLiteral: String {
        if width == 1 { return "1'b\(low64)" }
        if width <= 64, low64 < 10 || width <= 4 { return "\(width)'d\(low64)" }
        return "\(width)'h\(hexDigits)"
    }

    public var description: String { "\(width)'h\(hexDigits)" }

    private mutating func maskTop() {
        let used = width % 64
        if used != 0 { words[words.count - 1] &= (UInt64(1) << UInt64(used)) - 1 }
    }
}
