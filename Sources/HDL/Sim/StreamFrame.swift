/// One AXI4-Stream frame: its bytes, and the `tuser` value driven with it
/// (a source drives it on every beat, a sink keeps the last beat's).
public struct StreamFrame: Equatable, Sendable, CustomStringConvertible {
    public var bytes: [UInt8]
    public var user: UInt64

    public init(_ bytes: [UInt8], user: UInt64 = 0) {
        self.bytes = bytes
        self.user = user
    }

    public var description: String { "frame(\(bytes.count) bytes, user \(user))" }
}
