/// A group of signals declared and named together, like a Chisel `Bundle` or
/// a SystemVerilog interface: a stored property `netRx` of a `Bundle` type
/// names each member `net_rx_<member>` (`net_rx_tdata`, `net_rx_tvalid`, ...),
/// in declaration order. Members may be ports, wires, registers, arrays or
/// other bundles; an optional member that is nil is left out.
///
///     struct Credit: Bundle {
///         let valid = Output(1)
///         let amount = Output(8)
///     }
///     let credit = Credit()        // ports credit_valid, credit_amount
public protocol Bundle {}

/// A port type a bundle can be generic over, so one bundle type serves both
/// ends of a connection: `Bus<Input>` where it is received, `Bus<Output>`
/// where it is driven.
public protocol Port: Signal, Assignable {
    static func make(_ width: Int, file: StaticString, line: UInt) -> Self
}

extension Input: Port {
    public static func make(_ width: Int, file: StaticString, line: UInt) -> Input {
        Input(width, file: file, line: line)
    }
}

extension Output: Port {
    public static func make(_ width: Int, file: StaticString, line: UInt) -> Output {
        Output(width, file: file, line: line)
    }
}
