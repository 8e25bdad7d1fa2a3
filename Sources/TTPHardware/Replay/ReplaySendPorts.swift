import HDL

/// A PAYLOAD the replay lists want sent, as they offer it to the link
/// engine: `valid`, `mac`, `vc` (its link), `tx_id`, `slot`, `length`,
/// `fresh` (the ID goes out for the first time), `close` (no PAYLOAD: the
/// link's list drained after a close command, so CLOSE may go out; only
/// `mac` and `vc` count) one way, `ready` back.
/// Stored as `send`: `send_valid`, `send_ready`, `send_mac`, ....
public struct ReplaySendPorts<Forward: Port, Backward: Port>: Bundle, StreamEnd {
    public typealias Kind = ReplaySends
    public let valid: Forward
    public let ready: Backward
    public let mac: Forward
    public let vc: Forward
    public let txId: Forward
    public let slot: Forward
    public let length: Forward
    public let fresh: Forward
    public let close: Forward

    public init(slotBits: Int, file: StaticString = #fileID, line: UInt = #line) {
        valid = .make(1, file: file, line: line)
        ready = .make(1, file: file, line: line)
        mac = .make(48, file: file, line: line)
        vc = .make(8, file: file, line: line)
        txId = .make(32, file: file, line: line)
        slot = .make(slotBits, file: file, line: line)
        length = .make(16, file: file, line: line)
        fresh = .make(1, file: file, line: line)
        close = .make(1, file: file, line: line)
    }

    public var forward: [any Assignable] { [valid, mac, vc, txId, slot, length, fresh, close] }
    public var backward: any Assignable { ready }
}

/// The kind of this stream, so only its own ends connect.
public enum ReplaySends {}
