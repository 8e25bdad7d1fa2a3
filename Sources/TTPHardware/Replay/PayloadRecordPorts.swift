import HDL

/// A host payload taken into a replay slot, as `HostTxIngest` gives it to
/// the link engine: `valid`, `mac` (its peer), `vc`, `slot`, `length`
/// (bytes) one way, `ready` back. Stored as `rec`: `rec_valid`,
/// `rec_ready`, `rec_mac`, .... `connect(sink, from:)` joins two ends.
public struct PayloadRecordPorts<Forward: Port, Backward: Port>: Bundle, StreamEnd {
    public typealias Kind = PayloadRecords
    public let valid: Forward
    public let ready: Backward
    public let mac: Forward
    public let vc: Forward
    public let slot: Forward
    public let length: Forward

    public init(slotBits: Int, file: StaticString = #fileID, line: UInt = #line) {
        valid = .make(1, file: file, line: line)
        ready = .make(1, file: file, line: line)
        mac = .make(48, file: file, line: line)
        vc = .make(8, file: file, line: line)
        slot = .make(slotBits, file: file, line: line)
        length = .make(16, file: file, line: line)
    }

    public var forward: [any Assignable] { [valid, mac, vc, slot, length] }
    public var backward: any Assignable { ready }
}

/// The kind of this stream, so only its own ends connect.
public enum PayloadRecords {}
