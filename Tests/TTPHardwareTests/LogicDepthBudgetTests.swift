import HDL
import TTPHardware
import XCTest

/// The LUT-depth guard: every block of the bench's catalog stays within the
/// logic depth that met its clock in `bench/fpga/run` (BENCHMARKS.md, "FPGA
/// timing"), so a change that adds a level fails in the test suite (a few
/// seconds a block), naming the path, instead of showing up only in the next
/// place-and-route run.
///
/// Depth is `LogicDepthCheck`'s (iCE40 LUT4 levels, a carry an eighth), with
/// the block's RAMs inferred: an estimate, not the ECP5 figure, so each
/// budget is the depth the block had when the bench measured it meeting its
/// clocks (BENCHMARKS.md: >= 200 MHz ECP5 at DW 64, >= 156.25 MHz at DW 512,
/// >= 120 MHz iCE40 at DW 64), read off `bench/fpga/depth`, with no slack.
/// A change that needs more must show the bench's figure first.
final class LogicDepthBudgetTests: XCTestCase {
    /// Levels allowed per catalog block at DW 64 and DW 512.
    static let budgets: [String: (dw64: Int, dw512: Int)] = [
        "ttp_rx_parser": (5, 6),
        "ttp_tx_builder": (3, 4),
        "sync_fifo": (4, 4),
        "skid_buffer": (2, 2),
        "ping_pong_slice": (1, 1),
        "prefetch_queue": (2, 2),
        "round_robin_arbiter": (5, 5),
        // The link engine and the endpoint: not yet at their clock (BENCHMARKS.md,
        // "Link engine"); these are the depths measured, to keep them from growing.
        "ttp_endpoint": (7, 7),
        "ttp_link_engine": (7, 7),
        // On its own, with all 15 inputs free (the event's number compared
        // in 4 bits); inside the lookahead, with the state and both bits
        // fixed, each bit is a function of 7 inputs: one wide LUT on ECP5.
        "ttp_link_decision": (5, 5),
        // Its fates through a skid buffer: three levels inside, none across its ports.
        "ttp_rx_delivery": (3, 3),
        "credit_counter": (3, 3),
        "ttp_replay_memory": (5, 5),
        // 159.1 MHz on ECP5 at this depth (a 32-bit serial compare after a choice).
        "ttp_replay_lists": (7, 7),
        "free_list": (3, 3),
    ]

    func testEveryCatalogBlockIsWithinItsDepthBudget() throws {
        XCTAssertEqual(Set(Self.budgets.keys), Set(BlockCatalog.names), "a budget for every catalog block")
        for dataWidth in [64, 512] {
            var parameters = EndpointParameters()
            parameters.dataWidth = dataWidth
            parameters.ram = .inferred
            // The replay memory's logic does not grow with its slots, but
            // iCE40 synthesis of the default 2 Mbit takes many minutes.
            parameters.replaySlots = 16
            for name in BlockCatalog.names.sorted() {
                let block = try XCTUnwrap(BlockCatalog.block(named: name, parameters), name)
                let budgets = try XCTUnwrap(Self.budgets[name])
                let budget = dataWidth == 64 ? budgets.dw64 : budgets.dw512
                let report = try LogicDepthCheck.measure(try VerilogEmitter.emit(block))
                print("\(name) DW \(dataWidth): \(report.depth) levels (budget \(budget))")
                XCTAssertLessThanOrEqual(report.depth, budget, "\(name) at DW \(dataWidth): \(report)")
            }
        }
    }
}
