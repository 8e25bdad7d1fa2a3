import XCTest
import HDL
@testable import TTPHardware

/// The state table is complete and unambiguous: for every state, every
/// event and every consistent set of flag values exactly one row holds.
/// (What the rows say is checked against the reference model in simulation.)
final class StateTableTests: XCTestCase {
    /// Flag values that can occur together: a PAYLOAD in order is not a replay;
    /// a CLOSE whose RxID matches exactly also matches loosely.
    func consistentFlagValues() -> [[LinkFlag: Bool]] {
        let flags = LinkFlag.allCases
        return (0..<(1 << flags.count)).map { bits in
            Dictionary(uniqueKeysWithValues: flags.map { ($0, bits >> $0.rawValue & 1 == 1) })
        }.filter { !($0[.replay]! && $0[.inOrder]!) && (!$0[.closeMatch]! || $0[.closeMatchLoose]!) }
    }

    func testEveryStateAndEventHasExactlyOneRowForEveryCondition() {
        for state in LinkState.allCases {
            for event in LinkEvent.allCases {
                let rows = StateTable.rows.filter { $0.state == state && $0.event == event }
                XCTAssertFalse(rows.isEmpty, "no row for \(state.specName), \(event.specName)")
                for flags in consistentFlagValues() {
                    let holding = rows.filter { row in row.condition.allSatisfy { flags[$0.key] == $0.value } }
                    XCTAssertEqual(holding.count, 1, "\(state.specName), \(event.specName), \(flags): "
                                   + holding.map(\.summary).joined(separator: " | "))
                }
            }
        }
    }

    func testEveryRowNamesWhereItComesFrom() {
        for row in StateTable.rows { XCTAssertFalse(row.section.isEmpty, row.summary) }
    }

    /// Every received OPEN and CLOSE is answered in every state (spec 3.1 and 4.1, "always respond").
    func testOpenAndCloseAreAlwaysAnswered() {
        for row in StateTable.rows where row.event == .open || row.event == .close {
            XCTAssertNotNil(row.response, row.summary)
        }
    }

    /// The Verilog of the decision carries each row's summary beside its term.
    func testVerilogCommentsEveryRow() throws {
        let verilog = try VerilogEmitter.emit(LinkDecision()).files.map(\.text).joined()
        for (index, row) in StateTable.rows.enumerated() {
            XCTAssertTrue(verilog.contains(String(format: "row_%02d;  // ", index) + row.summary),
                          "row \(index) is not commented: \(row.summary)")
        }
    }
}
