import HDL
import TTPHardware
import XCTest

/// The LUT-depth guard: every block of the bench's catalog stays within the
/// logic depth that met its clock in `bench/fpga/run` (BENCHMARKS.md, "FPGA
/// timing"), so a change that adds a level fails here in seconds, naming the
/// path, instead of showing up only in the next place-and-route run.
///
/// Depth is `LogicDepthCheck`'s (iCE40 LUT4 levels, a carry an eighth), with
/// the block's RAMs inferred. The budgets were read off `bench/fpga/depth`
/// for the designs whose Fmax BENCHMARKS.md records: at 4 levels and less
/// the frame path meets 200 MHz on ECP5 (DW 64); paths of 5 and more did
/// not. A block that needs more must show the bench's figure first.
final class LogicDepthBudgetTests: XCTestCase {
    /// Levels allowed per catalog block.
    static let budgets: [String: Int] = [
        "ttp_rx_parser": 4,
        "ttp_tx_builder": 4,
        "sync_fifo": 4,
        "skid_buffer": 2,
        "prefetch_queue": 3,
    ]

    func testEveryCatalogBlockIsWithinItsDepthBudget() throws {
        XCTAssertEqual(Set(Self.budgets.keys), Set(BlockCatalog.names), "a budget for every catalog block")
        for dataWidth in [64, 512] {
            var parameters = EndpointParameters()
            parameters.dataWidth = dataWidth
            parameters.ram = .inferred
            for name in BlockCatalog.names.sorted() {
                let block = try XCTUnwrap(BlockCatalog.block(named: name, parameters), name)
                let budget = try XCTUnwrap(Self.budgets[name])
                let design = try VerilogEmitter.emit(block)
                let report = try LogicDepthCheck.measure(design)
                print("\(name) DW \(dataWidth): \(report.depth) levels (budget \(budget))")
                XCTAssertLessThanOrEqual(report.depth, budget, "\(name) at DW \(dataWidth): \(report)")
            }
        }
    }
}
