import HDL

/// The link-command stream of ENDPOINT.md: `valid`, `op` (0 open, 1
/// close), `mac`, `vc` one way, `ready` back. Stored as `cmd`: `cmd_valid`,
/// `cmd_ready`, `cmd_op`, `cmd_mac`, `cmd_vc`. `connect(sink, from:)` joins two ends.
public struct LinkCommandPorts<Forward: Port, Backward: Port>: Bundle, StreamEnd {
    public typealias Kind = LinkCommands
    public let valid: Forward
    public let ready: Backward
    public let op: Forward
    public let mac: Forward
    public let vc: Forward

    public init(file: StaticString = #fileID, line: UInt = #line) {
        valid = .make(1, file: file, line: line)
        ready = .make(1, file: file, line: line)
        op = .make(2, file: file, line: line)
        mac = .make(48, file: file, line: line)
        vc = .make(8, file: file, line: line)
    }

    public var forward: [any Assignable] { [valid, op, mac, vc] }
    public var backward: any Assignable { ready }
}

/// The link-event stream of ENDPOINT.md: `valid`, `kind` (`LinkEventKind`),
/// `mac`, `vc` one way, `ready` back. Stored as `evt`: `evt_valid`, ....
public struct LinkEventPorts<Forward: Port, Backward: Port>: Bundle, StreamEnd {
    public typealias Kind = LinkEvents
    public let valid: Forward
    public let ready: Backward
    public let kind: Forward
    public let mac: Forward
    public let vc: Forward

    public init(file: StaticString = #fileID, line: UInt = #line) {
        valid = .make(1, file: file, line: line)
        ready = .make(1, file: file, line: line)
        kind = .make(3, file: file, line: line)
        mac = .make(48, file: file, line: line)
        vc = .make(8, file: file, line: line)
    }

    public var forward: [any Assignable] { [valid, kind, mac, vc] }
    public var backward: any Assignable { ready }
}

/// The kinds of these streams, so only their own ends connect.
public enum LinkCommands {}
public enum LinkEvents {}
