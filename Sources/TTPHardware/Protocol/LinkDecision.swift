import HDL

/// `ttp_link_decision`: the state machine of `StateTable` as logic. Each
/// row is one product term, `row_NN` in the Verilog with the row's summary
/// as its comment: the event's number, the state's bit and the row's flags.
/// Each bit of the decision is the OR of the terms of the rows that set it.
/// For a valid event exactly one row holds (a test checks the table is
/// complete and its conditions exclusive), so no priority is needed.
///
/// The event comes as its number (`LinkEvent.rawValue`; `LinkEvent.noEvent`
/// for no event, which no row matches) and its comparisons as three bits
/// whose meaning depends on it (`LinkFlag.eventFlag(for:)`: a PAYLOAD's
/// replay, in order and stored, a CLOSE's two matches). So with the state,
/// the free way and the NACK mark fixed, as in each of the lookahead's
/// copies (`DecisionLookahead`), every bit of the decision is a function of
/// seven inputs: one wide LUT on an FPGA (ECP5: four LUT4s and their wide
/// multiplexers in one cell), whatever the number of rows.
public final class LinkDecision: Module {
    /// `LinkEvent.rawValue`, or `LinkEvent.noEvent`.
    public let eventCode = Input(LinkEvent.codeBits)
    /// One-hot `LinkState` of the event's link (`closed` when it has none).
    public let state = Input(LinkState.width)
    public let canAllocate = Input(1)
    public let nackMarked = Input(1)
    /// The event's comparisons (`LinkFlag.eventFlag(for:)`).
    public let eventFlags = Input(LinkFlag.eventFlagCount)
    public let decision = Output(LinkDecisionWord.width)

    let terms: [Wire]
    let rows: [LinkRow]

    public init(rows: [LinkRow] = StateTable.rows) {
        self.rows = rows
        terms = rows.enumerated().map { index, row in
            Wire(1).named(String(format: "row_%02d", index)).commented(row.summary)
        }
    }

    public var moduleName: String { "ttp_link_decision" }

    public var body: Logic {
        for (term, row) in zip(terms, rows) {
            term <== row.condition.sorted { $0.key.rawValue < $1.key.rawValue }.reduce(
                (eventCode == row.event.rawValue) & state[row.state.index]) { product, given in
                    let flag = input(given.key, of: row.event)
                    return product & (given.value ? flag : ~flag)
                }
        }
        let encodings = rows.map(LinkDecisionWord.encoding(of:))
        decision <== cat((0..<LinkDecisionWord.width).reversed().map { bit in
            any(zip(terms, encodings).filter { $0.1[bit: bit] }.map { $0.0.bits })
        })
    }

    /// The input that holds `flag` for `event`.
    private func input(_ flag: LinkFlag, of event: LinkEvent) -> Bits {
        switch flag {
        case .canAllocate: return canAllocate.bits
        case .nackMarked: return nackMarked.bits
        default:
            guard let bit = flag.eventFlag(for: event) else {
                preconditionFailure("a row of \(event.specName) tests \(flag.name), which it has no bit for")
            }
            return eventFlags[bit]
        }
    }

    private func any(_ bits: [Bits]) -> Bits {
        bits.isEmpty ? lit(0, 1) : bits.dropFirst().reduce(bits[0]) { $0 | $1 }
    }
}

extension LinkFlag {
    /// Bits of a decision's `eventFlags`.
    public static let eventFlagCount = 3

    /// Which bit of `eventFlags` holds this flag for `event`: a PAYLOAD's
    /// {replay, inOrder, stored} are bits 0, 1, 2, a CLOSE's {closeMatch,
    /// closeMatchLoose} bits 0, 1, a send's `fresh` and a close command's
    /// `drained` bit 2 (bit 2 is the event's own `PipelineEvent.stored`
    /// bit); nil for a flag the event has no bit for
    /// (the free way and the NACK mark are inputs of their own).
    public func eventFlag(for event: LinkEvent) -> Int? {
        switch (event, self) {
        case (.payload, .replay), (.close, .closeMatch): return 0
        case (.payload, .inOrder), (.close, .closeMatchLoose): return 1
        case (.payload, .stored), (.send, .fresh), (.localClose, .drained): return 2
        default: return nil
        }
    }
}
