/// What a cross-check compares.
public struct CrossCheckOptions: Sendable {
    /// The first sample whose outputs are compared; nil: the sample after the
    /// first reset pulse (`SimulationRecording.firstComparedSample`).
    public var firstComparedSample: Int?
    /// Output name → the 1-bit output that qualifies it: the output is compared
    /// only in samples where Verilator recorded its qualifier as 1 (payload is
    /// a don't-care while its valid is low, and often comes from a memory
    /// Icarus holds as X). nil: by convention, an output `P_valid` or
    /// `P_tvalid` qualifies every other output named `P_*`. `[:]`: compare
    /// every output at every sample.
    public var qualifiers: [String: String]?
    /// Mismatches printed and returned (all are counted).
    public var maxReports: Int

    public init(firstComparedSample: Int? = nil, qualifiers: [String: String]? = nil, maxReports: Int = 20) {
        self.firstComparedSample = firstComparedSample
        self.qualifiers = qualifiers
        self.maxReports = maxReports
    }

    /// The conventional qualifiers of a port list (see `qualifiers`); the
    /// longest matching prefix wins, so `m_axis_tvalid` qualifies
    /// `m_axis_tdata` even when an `m_valid` exists.
    public static func conventionalQualifiers(_ outputs: [PortInfo]) -> [String: String] {
        let valids = outputs.filter { $0.width == 1 && ($0.name.hasSuffix("_valid") || $0.name.hasSuffix("_tvalid")) }
        var qualifiers: [String: String] = [:]
        for output in outputs {
            let candidates = valids.compactMap { valid -> (prefix: String, valid: String)? in
                let prefix = String(valid.name[..<valid.name.lastIndex(of: "_")!]) + "_"
                guard valid.name != output.name, output.name.hasPrefix(prefix) else { return nil }
                return (prefix, valid.name)
            }
            if let best = candidates.max(by: { $0.prefix.count < $1.prefix.count }) { qualifiers[output.name] = best.valid }
        }
        return qualifiers
    }
}
