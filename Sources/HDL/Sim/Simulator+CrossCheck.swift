extension Simulator {
    /// Replays everything recorded since `startRecording()` in Icarus Verilog
    /// and compares the outputs at every cycle, plus the current values
    /// (see `IcarusCrossCheck` and `CrossCheckOptions` for what is compared).
    ///
    /// - Returns: the report when the simulators agree.
    /// - Throws: `CrossCheckFailure` naming the first mismatches (cycle, port,
    ///   both values) and their total; `SimulationError` when Icarus is
    ///   missing or rejects the Verilog.
    @discardableResult
    public func crossCheckWithIcarus(_ options: CrossCheckOptions = CrossCheckOptions()) throws -> CrossCheckReport {
        guard let recording = recordingWithCurrentSample() else {
            preconditionFailure("call startRecording() before the first step to cross-check")
        }
        return try Self.crossCheck(design: design, recording: recording, options: options)
    }

    /// Cross-checks a recording, perhaps edited (to test the checker itself).
    @discardableResult
    public static func crossCheck(
        design: EmittedDesign, recording: SimulationRecording, options: CrossCheckOptions = CrossCheckOptions()
    ) throws -> CrossCheckReport {
        let report = try IcarusCrossCheck(design: design, recording: recording, options: options).run()
        guard report.passed else { throw CrossCheckFailure(report: report) }
        return report
    }

    /// The recording so far with the current values appended as its last
    /// sample (on a copy: a later cross-check is not skewed); what
    /// `crossCheckWithIcarus()` replays. Nil when not recording.
    public func recordingWithCurrentSample() -> SimulationRecording? {
        guard var recording else { return nil }
        recording.appendSample { port, words in getWords(port, into: words) }
        return recording
    }
}
