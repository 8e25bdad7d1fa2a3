/// Ports of a ready/valid stream, seen from the module that receives it:
/// `valid` and `data` in, `ready` out. Stored as `in`, the ports are
/// `in_valid`, `in_ready`, `in_data`.
public struct ReadyValidIn: Bundle, StreamEnd {
    public typealias Kind = ReadyValid
    public let valid: Input
    public let ready: Output
    public let data: Input

    public init(width: Int, file: StaticString = #fileID, line: UInt = #line) {
        valid = Input(1, file: file, line: line)
        ready = Output(1, file: file, line: line)
        data = Input(width, file: file, line: line)
    }

    public var forward: [any Assignable] { [valid, data] }
    public var backward: any Assignable { ready }
}

/// Ports of a ready/valid stream, seen from the module that sends it.
public struct ReadyValidOut: Bundle, StreamEnd {
    public typealias Kind = ReadyValid
    public let valid: Output
    public let ready: Input
    public let data: Output

    public init(width: Int, file: StaticString = #fileID, line: UInt = #line) {
        valid = Output(1, file: file, line: line)
        ready = Input(1, file: file, line: line)
        data = Output(width, file: file, line: line)
    }

    public var forward: [any Assignable] { [valid, data] }
    public var backward: any Assignable { ready }
}

/// AXI4-Stream ports, seen from the module that receives the stream:
/// `tdata`, `tkeep` (one bit a byte), `tvalid`, `tready` (out), `tlast`.
/// Stored as `netRx`: `net_rx_tdata`, .... A `tuser` with a meaning of its
/// own is declared beside it (`let netRxTuser = Input(1)` gives `net_rx_tuser`).
public struct AxiStreamIn: Bundle, StreamEnd {
    public typealias Kind = AxiStream
    public let tdata: Input
    public let tkeep: Input
    public let tvalid: Input
    public let tready: Output
    public let tlast: Input

    public init(dataWidth: Int, file: StaticString = #fileID, line: UInt = #line) {
        tdata = Input(dataWidth, file: file, line: line)
        tkeep = Input(dataWidth / 8, file: file, line: line)
        tvalid = Input(1, file: file, line: line)
        tready = Output(1, file: file, line: line)
        tlast = Input(1, file: file, line: line)
    }

    public var forward: [any Assignable] { [tdata, tkeep, tvalid, tlast] }
    public var backward: any Assignable { tready }
}

/// AXI4-Stream ports, seen from the module that sends the stream.
public struct AxiStreamOut: Bundle, StreamEnd {
    public typealias Kind = AxiStream
    public let tdata: Output
    public let tkeep: Output
    public let tvalid: Output
    public let tready: Input
    public let tlast: Output

    public init(dataWidth: Int, file: StaticString = #fileID, line: UInt = #line) {
        tdata = Output(dataWidth, file: file, line: line)
        tkeep = Output(dataWidth / 8, file: file, line: line)
        tvalid = Output(1, file: file, line: line)
        tready = Input(1, file: file, line: line)
        tlast = Output(1, file: file, line: line)
    }

    public var forward: [any Assignable] { [tdata, tkeep, tvalid, tlast] }
    public var backward: any Assignable { tready }
}

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
