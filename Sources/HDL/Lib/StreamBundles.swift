/// Ports of a ready/valid stream: `valid` and `data` flow one way (`Forward`
/// ports), `ready` the other (`Backward`). Stored as `in`, the ports are
/// `in_valid`, `in_ready`, `in_data`. Use `ReadyValidIn` in the module that
/// receives the stream, `ReadyValidOut` in the one that sends it.
public struct ReadyValidPorts<Forward: Port, Backward: Port>: Bundle, StreamEnd {
    public typealias Kind = ReadyValid
    public let valid: Forward
    public let ready: Backward
    public let data: Forward

    public init(width: Int, file: StaticString = #fileID, line: UInt = #line) {
        valid = .make(1, file: file, line: line)
        ready = .make(1, file: file, line: line)
        data = .make(width, file: file, line: line)
    }

    public var forward: [any Assignable] { [valid, data] }
    public var backward: any Assignable { ready }
}

public typealias ReadyValidIn = ReadyValidPorts<Input, Output>
public typealias ReadyValidOut = ReadyValidPorts<Output, Input>

/// AXI4-Stream ports: `tdata`, `tkeep` (one bit a byte), `tvalid`, `tlast`
/// flow one way, `tready` the other. Stored as `netRx`: `net_rx_tdata`, ....
/// `AxiStreamIn` receives a stream, `AxiStreamOut` sends one. A `tuser` with
/// a meaning of its own is declared beside it (`let netRxTuser = Input(1)`
/// gives `net_rx_tuser`).
public struct AxiStreamPorts<Forward: Port, Backward: Port>: Bundle, StreamEnd {
    public typealias Kind = AxiStream
    public let tdata: Forward
    public let tkeep: Forward
    public let tvalid: Forward
    public let tready: Backward
    public let tlast: Forward

    public init(dataWidth: Int, file: StaticString = #fileID, line: UInt = #line) {
        tdata = .make(dataWidth, file: file, line: line)
        tkeep = .make(dataWidth / 8, file: file, line: line)
        tvalid = .make(1, file: file, line: line)
        tready = .make(1, file: file, line: line)
        tlast = .make(1, file: file, line: line)
    }

    public var forward: [any Assignable] { [tdata, tkeep, tvalid, tlast] }
    public var backward: any Assignable { tready }
}

public typealias AxiStreamIn = AxiStreamPorts<Input, Output>
public typealias AxiStreamOut = AxiStreamPorts<Output, Input>

/// One end of a stream: the signals that flow with the data, and the one
/// (ready) that flows back. `Kind` says which kind of stream it is, so
/// only ends of the same kind connect (checked by the Swift compiler).
public protocol StreamEnd {
    associatedtype Kind
    var forward: [any Assignable] { get }
    var backward: any Assignable { get }
}

/// The kinds of stream: `valid`/`ready`/`data`, and AXI4-Stream.
public enum ReadyValid {}
public enum AxiStream {}

/// Connects a stream in a parent's body: data, valid (and keep, last)
/// from `source` to `sink`, ready from `sink` back to `source`. Either end
/// may be a child's port bundle or the parent's own, e.g.
/// `connect(fifo.in, from: netRx)` or `connect(netTx, from: builder.out)`.
public func connect<Sink: StreamEnd, Source: StreamEnd>(
    _ sink: Sink, from source: Source, file: StaticString = #fileID, line: UInt = #line
) -> Logic where Sink.Kind == Source.Kind {
    let location = SourceLocation(file, line)
    let pairs = Array(zip(sink.forward, source.forward)) + [(source.backward, sink.backward)]
    return pairs.map { target, value in
        Statement(.assign(target: target.node, value: value.bits.node), at: location)
    }
}
