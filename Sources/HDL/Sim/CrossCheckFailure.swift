/// One output that differed between the two simulators at one sample.
public struct CrossCheckMismatch: Sendable, Equatable, CustomStringConvertible {
    /// Simulator cycle of the sample (the cycle counter when it was taken).
    public let cycle: Int
    public let port: String
    /// Hex digits as each simulator printed them (Icarus may print `x`).
    public let verilator: String
    public let icarus: String

    public init(cycle: Int, port: String, verilator: String, icarus: String) {
        self.cycle = cycle
        self.port = port
        self.verilator = verilator
        self.icarus = icarus
    }

    public var description: String { "cycle \(cycle) port \(port): verilator=\(verilator) icarus=\(icarus)" }
}

/// The outcome of a cross-check: how much was compared, and what differed.
public struct CrossCheckReport: Sendable, CustomStringConvertible {
    /// Samples replayed, and the first one compared (the one after reset).
    public let samples: Int
    public let firstComparedSample: Int
    /// Outputs compared only while their qualifier (a valid) was 1.
    public let qualifiers: [String: String]
    /// The first mismatches (up to the requested number) and the total count.
    public let mismatches: [CrossCheckMismatch]
    public let totalMismatches: Int
    /// The directory holding the test bench and the recorded values.
    public let workDirectory: String

    public var passed: Bool { totalMismatches == 0 }

    public var description: String {
        if passed { return "Icarus agrees with Verilator on \(samples - firstComparedSample) samples" }
        return (["Icarus disagrees with Verilator on \(totalMismatches) values (test bench in \(workDirectory)):"]
            + mismatches.map { "  MISMATCH \($0)" }).joined(separator: "\n")
    }
}

/// Thrown by `Simulator.crossCheckWithIcarus()` when the two simulators disagree.
public struct CrossCheckFailure: Error, CustomStringConvertible {
    public let report: CrossCheckReport
    public var description: String { report.description }
}
