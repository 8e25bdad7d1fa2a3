import XCTest
import HDL
import TTPHardware

/// The bench's catalog: every name builds a block that elaborates; an unknown
/// name is refused with the allowed ones.
final class BlockCatalogTests: XCTestCase {
    func testEveryCatalogBlockElaborates() throws {
        var parameters = EndpointParameters()
        parameters.dataWidth = 128
        for name in BlockCatalog.names {
            let block = try XCTUnwrap(BlockCatalog.block(named: name, parameters), name)
            XCTAssertNoThrow(try Design(block), name)
        }
        // The library blocks carry one beat: 128 data + 16 keep + last.
        XCTAssertEqual(BlockCatalog.block(named: "skid_buffer", parameters)?.moduleName, "skid_buffer_145")
    }

    func testUnknownNameListsTheAllowedOnes() {
        XCTAssertNil(BlockCatalog.block(named: "ttp_timer_scanner", EndpointParameters()))
        let message = BlockCatalog.unknownNameMessage("ttp_timer_scanner")
        for name in ["ttp_rx_parser", "ttp_tx_builder", "ttp_endpoint", "ttp_link_engine", "ttp_link_decision",
                     "ttp_rx_delivery", "sync_fifo", "skid_buffer", "ping_pong_slice", "prefetch_queue",
                     "round_robin_arbiter", "credit_counter", "ttp_replay_memory", "free_list"] {
            XCTAssertTrue(message.contains(name), message)
        }
    }
}
