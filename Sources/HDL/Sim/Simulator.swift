import Foundation

/// A cycle-based simulation of an `EmittedDesign`, running in this process:
/// Verilator compiles the design into a shared library (cached by content,
/// see `VerilatorBuild`) which is loaded with `dlopen` and driven through the
/// C functions of a generated shim.
///
/// Conventions: the clock input is `clk` (driven only by `step`), the reset
/// input `rst` is synchronous and active high. A cycle is: set inputs, then
/// `step()`; reads after setting inputs see combinational outputs already
/// (evaluation is lazy), reads after `step()` see the registers' new values.
///
/// For speed, resolve ports once with `port(_:)` and use the `PortHandle`
/// overloads in loops; the name-based calls look the name up every time.
public final class Simulator {
    public let design: EmittedDesign
    /// Names the waveform file; by default the calling function (the test).
    public let name: String
    /// True when the compiled model came from the cache (Verilator did not run).
    public let buildWasCached: Bool
    /// Verilator's lint warnings for the design, empty when clean.
    public let buildWarnings: String
    /// The VCD being written, when waves were requested.
    public let wavesURL: URL?

    /// Number of Verilator builds this process has run (cache misses).
    public static var buildCount: Int { BuildCounter.shared.value }

    let library: ModelLibrary
    let model: OpaquePointer
    private let handles: [String: PortHandle]
    private let clockIndex: Int32
    /// State the per-cycle path touches, behind a pointer: a stored `var` of
    /// a class pays a dynamic exclusivity check on each access, and testing
    /// an optional struct copies (retains) its arrays; both showed in profiles.
    private struct HotState {
        var cycle = 0
        var recording = false
    }
    private let hot = UnsafeMutablePointer<HotState>.allocate(capacity: 1)
    /// Set by `startRecording()`; read by cross-checks.
    var recording: SimulationRecording? {
        didSet { hot.pointee.recording = recording != nil }
    }
    private var wavesOpen = false

    /// Builds (or reuses from the cache) the model of `design` and creates one instance.
    ///
    /// - Parameters:
    ///   - name: names the VCD file; defaults to the calling function.
    ///   - waves: where to write a VCD; defaults to on when `HDL_WAVES=1`.
    ///   - cacheDirectory: model cache; defaults to `HDL_SIM_CACHE` or
    ///     `<temporary directory>/swift-hdl-sim`.
    /// - Throws: `SimulationError` when a tool is missing or the Verilog does
    ///   not build (the message names the Verilog file and line).
    public init(
        design: EmittedDesign, name: String = #function,
        waves: WaveOptions? = WaveOptions.fromEnvironment(), cacheDirectory: URL? = nil
    ) throws {
        let build = VerilatorBuild(
            design: design, tracing: waves != nil,
            toolchain: try Toolchain.verilatorToolchain(), cache: BuildCache(root: cacheDirectory))
        let product = try build.product()
        self.design = design
        self.name = name
        self.buildWasCached = product.wasCached
        self.buildWarnings = product.warnings
        self.library = try ModelLibrary.load(product.libraryPath, portCount: design.ports.count)
        self.handles = Dictionary(
            design.ports.enumerated().map { ($0.element.name, PortHandle(index: $0.offset, port: $0.element)) },
            uniquingKeysWith: { first, _ in first })
        self.clockIndex = handles["clk"].map(\.index) ?? -1
        self.wavesURL = waves?.fileURL(for: name)
        self.model = library.create()
        hot.initialize(to: HotState())
        if let wavesURL { try openWaves(wavesURL) }
    }

    deinit {
        library.destroy(model)
        hot.deallocate()
    }

    /// Cycles stepped since creation (reset cycles included).
    public var cycle: Int { hot.pointee.cycle }

    public var ports: [PortInfo] { design.ports }

    // MARK: by name

    /// The handle of port `name`; stops with the list of ports if there is none.
    public func port(_ name: String) -> PortHandle {
        guard let handle = handles[name] else {
            preconditionFailure(
                "no port '\(name)' in module \(design.top); its ports: \(design.ports.map(\.name).joined(separator: ", "))")
        }
        return handle
    }

    /// Sets input `name`; the value must fit the port's width.
    public func set(_ name: String, _ value: UInt64) { set(port(name), value) }

    /// Sets input `name` to a value of any width that fits the port.
    public func set(_ name: String, _ value: BitVector) { set(port(name), value) }

    /// The value of port `name`, at the port's width.
    public func get(_ name: String) -> BitVector { getBits(port(name)) }

    /// The value of port `name`, which must be at most 64 bits wide.
    public func getUInt64(_ name: String) -> UInt64 { get(port(name)) }

    /// `sim["q"]` reads a port, `sim["a"] = value` sets an input.
    public subscript(_ name: String) -> BitVector {
        get { get(name) }
        set { set(name, newValue) }
    }

    // MARK: by handle (the fast path)

    /// Sets an input of up to 64 bits (or the low bits of a wider one).
    public func set(_ port: PortHandle, _ value: UInt64) {
        checkWritable(port)
        precondition(value & ~port.mask == 0, "value \(value) does not fit the \(port.width)-bit port \(portName(port))")
        library.set(model, port.index, value)
    }

    /// Reads a port of at most 64 bits.
    public func get(_ port: PortHandle) -> UInt64 {
        precondition(port.isNarrow, "port \(portName(port)) is \(port.width) bits wide: use getBits")
        return library.get(model, port.index)
    }

    /// Sets an input of any width from a value that fits it.
    public func set(_ port: PortHandle, _ value: BitVector) {
        checkWritable(port)
        precondition(
            value.significantBits <= port.width,
            "value \(value) does not fit the \(port.width)-bit port \(portName(port))")
        value.resized(to: port.width).words.withUnsafeBufferPointer { library.setWords(model, port.index, $0.baseAddress!) }
    }

    /// Reads a port of any width.
    public func getBits(_ port: PortHandle) -> BitVector {
        var words = [UInt64](repeating: 0, count: BitVector.wordCount(port.width))
        words.withUnsafeMutableBufferPointer { library.getWords(model, port.index, $0.baseAddress!) }
        return BitVector(words: words, width: port.width)
    }

    /// Sets a wide input from little-endian 64-bit words without allocating;
    /// `words` holds at least `BitVector.wordCount(port.width)` words.
    public func setWords(_ port: PortHandle, _ words: UnsafeBufferPointer<UInt64>) {
        checkWritable(port)
        precondition(words.count >= BitVector.wordCount(port.width), "too few words for port \(portName(port))")
        library.setWords(model, port.index, words.baseAddress!)
    }

    /// Reads a port into little-endian 64-bit words without allocating.
    public func getWords(_ port: PortHandle, into words: UnsafeMutableBufferPointer<UInt64>) {
        precondition(words.count >= BitVector.wordCount(port.width), "too few words for port \(portName(port))")
        library.getWords(model, port.index, words.baseAddress!)
    }

    // MARK: time

    /// Advances `cycles` clock cycles (each: clock low, clock high). Without a
    /// clock, evaluates once per cycle. The loop runs in C++ unless recording.
    public func step(_ cycles: Int = 1) {
        precondition(cycles >= 0, "cannot step \(cycles) cycles")
        if hot.pointee.recording {
            stepRecording(cycles)
        } else {
            library.step(model, UInt64(cycles))
            hot.pointee.cycle += cycles
        }
    }

    /// Synchronous reset: `rst` high for `cycles` cycles, then low (the low
    /// takes effect at the next step; outputs read now already see it).
    public func reset(cycles: Int = 1) {
        let rst = port("rst")
        set(rst, 1)
        step(cycles)
        set(rst, 0)
    }

    /// Evaluates the model now. Rarely needed: reads evaluate when inputs changed.
    public func eval() { library.eval(model) }

    // MARK: recording (cross-checks)

    /// Records every cycle's inputs and outputs from now on, for
    /// `crossCheckWithIcarus()`. Must start before the first step, so the
    /// replay in another simulator has the same history (reset included).
    public func startRecording() {
        precondition(cycle == 0, "start recording before the first step (cycle is \(cycle)): Icarus replays from time 0")
        recording = SimulationRecording(ports: design.ports)
    }

    /// Each cycle sampled before its rising edge, then stepped alone.
    private func stepRecording(_ cycles: Int) {
        for _ in 0..<cycles {
            recordSample()
            library.step(model, 1)
            hot.pointee.cycle += 1
        }
    }

    /// Appends the current inputs and outputs to the recording.
    func recordSample() {
        guard recording != nil else { return }
        recording!.appendSample { port, words in getWords(port, into: words) }
    }

    // MARK: waves

    private func openWaves(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard library.traceOpen(model, url.path) == 0 else {
            throw SimulationError.loadFailed("cannot open VCD file \(url.path)")
        }
        wavesOpen = true
    }

    /// Finishes the VCD file now (also done when the simulator is released).
    public func closeWaves() {
        guard wavesOpen else { return }
        library.traceClose(model)
        wavesOpen = false
    }

    // MARK: checks

    private func checkWritable(_ port: PortHandle) {
        precondition(port.direction == .input, "port \(portName(port)) is an output")
        precondition(port.index != clockIndex, "clk is driven by step(), not set")
    }

    private func portName(_ port: PortHandle) -> String { design.ports[Int(port.index)].name }
}
