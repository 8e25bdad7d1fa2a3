/// Every sampled value of a simulation's ports: one sample per cycle, taken
/// after that cycle's inputs were set and just before its rising edge.
/// `IcarusCrossCheck` replays the inputs in Icarus Verilog and compares the
/// outputs sample by sample.
public struct SimulationRecording: Sendable {
    /// Recorded inputs (every input but `clk`, which the replay generates).
    public let inputs: [PortInfo]
    public let outputs: [PortInfo]
    /// Number of samples; sample `k` was taken at simulator cycle `k`.
    public private(set) var sampleCount = 0

    /// `inputs + outputs`, with the handle that reads each from the model.
    private let recorded: [(info: PortInfo, handle: PortHandle)]
    /// One column of little-endian words per recorded port.
    private var columns: [[UInt64]]
    private var scratch: [UInt64]

    init(ports: [PortInfo]) {
        inputs = ports.filter { $0.direction == .input && $0.name != "clk" }
        outputs = ports.filter { $0.direction == .output }
        let indexByName = Dictionary(ports.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        recorded = (inputs + outputs).map { ($0, PortHandle(index: indexByName[$0.name]!, port: $0)) }
        columns = Array(repeating: [], count: recorded.count)
        scratch = Array(repeating: 0, count: ports.map { BitVector.wordCount($0.width) }.max() ?? 1)
    }

    /// Appends one sample; `read` fills a port's words from the model.
    mutating func appendSample(_ read: (PortHandle, UnsafeMutableBufferPointer<UInt64>) -> Void) {
        for (column, port) in recorded.enumerated() {
            let count = BitVector.wordCount(port.info.width)
            scratch.withUnsafeMutableBufferPointer { read(port.handle, UnsafeMutableBufferPointer(rebasing: $0[0..<count])) }
            columns[column].append(contentsOf: scratch[0..<count])
        }
        sampleCount += 1
    }

    /// The value of port `name` at sample `sample`.
    public func value(of name: String, at sample: Int) -> BitVector {
        let (column, width) = locate(name)
        let count = BitVector.wordCount(width)
        return BitVector(words: Array(columns[column][sample * count..<(sample + 1) * count]), width: width)
    }

    /// Replaces one recorded value: lets a test inject a mismatch on purpose.
    public mutating func overwrite(_ name: String, at sample: Int, with value: BitVector) {
        let (column, width) = locate(name)
        let words = value.resized(to: width).words
        for i in words.indices { columns[column][sample * words.count + i] = words[i] }
    }

    /// The first sample worth comparing: the one after the first reset pulse
    /// (`rst` high, then low) when there is one, else 0. Before that, registers
    /// are X in a four-state simulator and 0 in Verilator, a difference that
    /// says nothing about the design.
    public var firstComparedSample: Int {
        guard inputs.contains(where: { $0.name == "rst" }) else { return 0 }
        var sawReset = false
        for sample in 0..<sampleCount {
            let high = !value(of: "rst", at: sample).isZero
            if high { sawReset = true } else if sawReset { return sample }
        }
        return sawReset ? sampleCount : 0
    }

    private func locate(_ name: String) -> (column: Int, width: Int) {
        guard let column = recorded.firstIndex(where: { $0.info.name == name }) else {
            preconditionFailure("port \(name) is not recorded; recorded: \(recorded.map(\.info.name))")
        }
        return (column, recorded[column].info.width)
    }
}
