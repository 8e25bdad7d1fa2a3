/// A hardware module: a class whose stored properties are its ports
/// (`Input`, `Output`), registers, wires, memories and child modules, and whose
/// `body` holds its logic. Elaboration-time parameters are ordinary Swift
/// values passed to `init`.
///
/// Stored properties name the Verilog they become (camelCase becomes
/// snake_case: `netRxTdata` is `net_rx_tdata`). Modules with registers or
/// memories get `clk` and `rst` (synchronous, active high) ports first.
public protocol Module: AnyObject {
    /// The Verilog module name; defaults to the type name in snake_case.
    var moduleName: String { get }
    @LogicBuilder var body: Logic { get }
}

extension Module {
    public var moduleName: String {
        let typeName = String(describing: type(of: self))
        return Naming.snakeCase(String(typeName.prefix { $0 != "<" }))
    }
}

/// A module written in Verilog elsewhere: declare its ports as properties and
/// it is instantiated by name. Ports named `clk` and `rst` are connected to the
/// parent's clock and reset. Outputs are taken as registered (no combinational
/// path from inputs), which is what the loop check assumes.
public protocol BlackBox: Module {
    /// `#(.NAME(value))` parameters of the instance, in order.
    var verilogParameters: [(name: String, value: String)] { get }
    /// The module's Verilog source, when it should travel with the emitted files
    /// (for linting and simulation); nil when the user's tool flow supplies it.
    var verilogSource: String? { get }
}

extension BlackBox {
    public var verilogParameters: [(name: String, value: String)] { [] }
    public var verilogSource: String? { nil }
    public var body: Logic { [] }
}
