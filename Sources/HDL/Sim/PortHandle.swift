/// A port resolved once by name (`Simulator.port(_:)`), for the per-cycle
/// fast path: reading or writing through a handle is one C call, with no
/// dictionary lookup and no allocation. Valid only for the simulator that
/// made it.
public struct PortHandle: Hashable, Sendable {
    /// Position in `EmittedDesign.ports`, the index the shim switches on.
    public let index: Int32
    public let width: Int
    public let direction: PortInfo.Direction
    /// Bits a value may use: a wider value is a test bug, not something to truncate.
    let mask: UInt64

    init(index: Int, port: PortInfo) {
        self.index = Int32(index)
        self.width = port.width
        self.direction = port.direction
        self.mask = port.width >= 64 ? ~0 : (UInt64(1) << UInt64(port.width)) - 1
    }

    /// Whether the value fits in 64 bits (`get` returns it whole).
    public var isNarrow: Bool { width <= 64 }
}
