/// A named piece of hardware state or wiring: a port, a wire, a register, or a
/// memory's internal port signal. User-facing handles (`Input`, `Wire`, `Reg`, ...)
/// each wrap one.
public final class SignalNode {
    public enum Kind: Equatable {
        case input, output, wire, reg
        /// Read data of a memory read port: registered inside the memory block.
        case memoryReadData
    }

    public let kind: Kind
    public let width: Int
    /// Where the user created it.
    public let location: SourceLocation
    /// Name given with `.named(_:)`, or found by reflection, or derived from the line.
    public internal(set) var name: String?
    /// True when the name was chosen by the user (`.named`) and must be kept verbatim.
    var nameIsExplicit = false
    /// The value when no statement assigns it (combinational signals), or the
    /// reset value (registers; nil means the register is not reset).
    public internal(set) var defaultValue: BitVector?
    /// Registers only: update only when this 1-bit condition holds.
    var enable: Node?
    /// The module that owns it, set during elaboration.
    weak var owner: ModuleInstance?
    /// Enum-typed signals: the names of the codes, for readable Verilog comments.
    var enumCaseNames: [BitVector: String]?
    /// A note for the reader of the Verilog, printed after the declaration.
    var comment: String?
    /// Registers only: synthesis must keep this flop even where another
    /// loads the same value (a copy made to share out the loads of one).
    var keep = false

    init(kind: Kind, width: Int, location: SourceLocation, name: String? = nil,
         defaultValue: BitVector? = nil) {
        self.kind = kind
        self.width = width
        self.location = location
        self.name = name
        self.nameIsExplicit = name != nil
        self.defaultValue = defaultValue
    }

    var isCombinational: Bool { kind == .output || kind == .wire }
    var isPort: Bool { kind == .input || kind == .output }
    var displayName: String { name ?? "<unnamed \(kind) from \(location)>" }
}
