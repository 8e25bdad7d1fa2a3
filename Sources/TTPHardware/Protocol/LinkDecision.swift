import HDL

/// `ttp_link_decision`: the state machine of `StateTable` as logic. Each
/// row is one product term, `row_NN` in the Verilog with the row's summary
/// as its comment: the event's bit, the state's bit and the row's flags.
/// Each bit of the decision is the OR of the terms of the rows that set it.
/// For a valid event exactly one row holds (a test checks the table is
/// complete and its conditions exclusive), so no priority is needed and the
/// logic is two levels deep in terms: what keeps the pipeline's one-cycle
/// decision loop short.
public final class LinkDecision: Module {
    /// One-hot `LinkEvent`.
    public let linkEvent = Input(LinkEvent.count)
    /// One-hot `LinkState` of the event's link (`closed` when it has none).
    public let state = Input(LinkState.width)
    /// `LinkFlag` bits, by raw value.
    public let flags = Input(LinkFlag.allCases.count)
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
                linkEvent[row.event.rawValue] & state[row.state.index]) { product, given in
                    product & (given.value ? flags[given.key.rawValue] : ~flags[given.key.rawValue])
                }
        }
        let encodings = rows.map(LinkDecisionWord.encoding(of:))
        decision <== cat((0..<LinkDecisionWord.width).reversed().map { bit in
            any(zip(terms, encodings).filter { $0.1[bit: bit] }.map { $0.0.bits })
        })
    }

    private func any(_ bits: [Bits]) -> Bits {
        bits.isEmpty ? lit(0, 1) : bits.dropFirst().reduce(bits[0]) { $0 | $1 }
    }
}
