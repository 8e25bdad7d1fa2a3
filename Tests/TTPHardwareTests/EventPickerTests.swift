import XCTest
import HDL
@testable import TTPHardware

/// Q0's priority policy (`EventPicker`), at its ports under random
/// sources that hold their event until it is taken and rooms that come and
/// go: a record waits at most one event; a local source (command, host
/// payload, send) with room waits at most 8 cycles; nothing is taken that
/// was not offered; at most one source a cycle. Seeds are printed; replay
/// with `HDL_SEED=<seed>`.
final class EventPickerTests: XCTestCase {
    func testEverySourceIsServedWithinItsBound() throws {
        var random = SeededRandom.fromEnvironment(#function)
        let sim = try Simulator(EventPicker(LinkTableGeometry(links: 64), slotBits: 8))
        sim.reset()
        let sources = ["rec", "cmd", "host", "send"]
        let readies = ["rec_ready", "cmd_ready", "host_ready", "send_ready"]
        var waiting = [Bool](repeating: false, count: 4)
        var waited = [Int](repeating: 0, count: 4)
        var worst = [Int](repeating: 0, count: 4)
        var taken = [Int](repeating: 0, count: 4)
        for cycle in 0..<20_000 {
            for i in 0..<4 where !waiting[i] { waiting[i] = random.chance(0.5) }
            // Room most of the time; a local source's wait counts only with room.
            let room = random.chance(0.9)
            for name in ["response_room", "report_room", "replay_room"] { sim.set(name, room ? 1 : 0) }
            for (i, name) in sources.enumerated() { sim.set("\(name)_valid", waiting[i] ? 1 : 0) }
            sim.set("cmd_op", 0)
            sim.eval()
            let took = readies.map { sim.getUInt64($0) == 1 }
            XCTAssertLessThanOrEqual(took.filter { $0 }.count, 1, "one source a cycle, cycle \(cycle)")
            for i in 0..<4 {
                if took[i] {
                    XCTAssertTrue(waiting[i], "\(sources[i]) taken with nothing offered, cycle \(cycle)")
                    worst[i] = max(worst[i], waited[i])
                    (waiting[i], waited[i]) = (false, 0)
                    taken[i] += 1
                } else if waiting[i] && (i == 0 || room) {
                    waited[i] += 1
                }
            }
            sim.step()
        }
        print("EventPicker seed \(random.seed): longest waits (cycles) record \(worst[0]), command \(worst[1]), "
              + "host payload \(worst[2]), send \(worst[3])")
        XCTAssertLessThanOrEqual(worst[0], 1, "a record waits at most one event")
        for i in 1..<4 { XCTAssertLessThanOrEqual(worst[i], 8, "\(sources[i]) waits at most 8 cycles with room") }
        XCTAssert(taken.allSatisfy { $0 > 1000 }, "every source served: \(taken)")
    }
}
