import XCTest
import HDL
import TTPHardware
import TTPTestbench

/// The link engine at its own ports against the reference model
/// (`TTPEndpointModel`): random event streams, one event a clock.
final class LinkEngineTests: XCTestCase {
    static let localMAC = EndpointBench.localMAC

    /// Random frames and commands over `keys` links, IDs kept near each
    /// link's so that every row of the table is reached: replays, in order,
    /// gaps, CLOSEs that match or not, passing ships, collisions.
    struct Stream {
        var random: SeededRandom
        let keys: [(mac: MACAddress, vc: UInt8)]
        var base: [UInt32]

        init(random: SeededRandom, keys: [(mac: MACAddress, vc: UInt8)], start: UInt32) {
            self.random = random
            self.keys = keys
            base = keys.map { _ in start }
        }

        mutating func next() -> EngineBench.Input {
            let k = Int(random.below(UInt64(keys.count)))
            let key = keys[k]
            if random.below(10) == 0 {
                return .command(open: random.below(2) == 0, mac: key.mac, vc: key.vc)
            }
            let opcodes: [TTPOpcode] = [.open, .openAck, .openNack, .close, .closeAck, .closeNack,
                                        .payload, .payload, .payload, .payload, .payload, .ack, .nack, .nackFull, .nackNoLink]
            let opcode = opcodes[Int(random.below(UInt64(opcodes.count)))]
            // IDs within a few of the link's running base; PAYLOADs mostly advance it.
            let near = { (r: inout SeededRandom, b: UInt32) in b &+ UInt32(truncatingIfNeeded: Int(r.below(6)) - 2) }
            if opcode == .payload, random.below(3) != 0 { base[k] &+= 1 }
            let tx = opcode == .open ? base[k] &- UInt32(random.below(3)) : near(&random, base[k])
            let rx = near(&random, opcode == .close ? 1 : base[k])
            let length = Int(random.below(3))
            let frame = TTPFrame(destination: LinkEngineTests.localMAC, source: key.mac, opcode: opcode, vc: key.vc,
                                 txID: tx, rxID: rx, payload: [UInt8](repeating: 0x5A, count: length))
            // The parser never refuses an empty payload room.
            return .frame(frame, stored: length == 0 || random.below(8) != 0)
        }
    }

    func run(_ name: String, keys: [(mac: MACAddress, vc: UInt8)], events: Int, start: UInt32 = 100,
             links: Int = 64) throws -> EngineBench {
        let random = SeededRandom.fromEnvironment(name)
        var parameters = EndpointParameters()
        parameters.links = links
        let bench = try EngineBench(parameters, name: name)
        var stream = Stream(random: random, keys: keys, start: start)
        for _ in 0..<events {
            switch stream.next() {
            case .frame(let frame, let stored): bench.send(frame, stored: stored)
            case .command(let open, let mac, let vc): bench.command(open: open, mac: mac, vc: vc)
            case .drainedClose: preconditionFailure("only the bench's lists stand-in gives drained closes")
            }
        }
        bench.run()
        var model = TTPEndpointModel(links: links, localMAC: Self.localMAC, cfgOpenID: parameters.openTxID)
        let expected = bench.expected(&model)
        compare(bench.responses, expected.responses, "responses")
        if let i = (0..<min(bench.responses.count, expected.responses.count)).first(where: {
            bench.responses[$0] != expected.responses[$0] }) {
            let at = expected.sources[i]
            let latency = bench.responseCycles[0] - bench.taken[expected.sources[0]].cycle
            var replay = TTPEndpointModel(links: links, localMAC: Self.localMAC, cfgOpenID: parameters.openTxID)
            for j in 0...at {
                let (input, cycle) = bench.taken[j]
                let outcome = EngineBench.outcome(of: input, &replay)
                let hw = zip(bench.responses, bench.responseCycles).filter { $0.1 - latency == cycle }.map { "\($0.0)" }
                if j >= at - 12 { print("input \(j): \(input) | model: \(outcome) | hw: \(hw)") }
            }
        }
        compare(bench.events, expected.events, "events")
        compare(bench.fates.map { "\($0)" }, expected.fates.map { "\($0)" }, "fates")
        return bench
    }

    func compare<T: Equatable>(_ got: [T], _ want: [T], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        if let i = (0..<min(got.count, want.count)).first(where: { got[$0] != want[$0] }) {
            XCTFail("\(what) differ first at \(i): got \(got[i]), model \(want[i])", file: file, line: line)
        } else {
            XCTAssertEqual(got.count, want.count, "\(what): count", file: file, line: line)
        }
    }

    static func keys(_ count: Int, vcs: Int = 3) -> [(mac: MACAddress, vc: UInt8)] {
        (0..<count).map { (MACAddress(0x98ED_5C00_1000 + UInt64($0 / vcs)), UInt8($0 % vcs)) }
    }

    /// Every event for one link, back to back: the decision loop forwards each
    /// result to the next event.
    func testOneLinkBackToBack() throws {
        let bench = try run(#function, keys: Self.keys(1), events: 12_000)
        let cycles = (bench.taken.last?.cycle ?? 0) - (bench.taken.first?.cycle ?? 0) + 1
        print("testOneLinkBackToBack: \(bench.taken.count) events in \(cycles) cycles")
    }

    /// A few links in few sets (4 links), so sets collide and ways fill.
    func testFewLinksInFewSets() throws {
        _ = try run(#function, keys: Self.keys(9), events: 12_000, links: 4)
    }

    /// Many links in a larger table.
    func testRandomLinks() throws {
        _ = try run(#function, keys: Self.keys(40), events: 12_000)
    }

    /// IDs around 2^32: serial comparison wraps.
    func testIDsWrap() throws {
        _ = try run(#function, keys: Self.keys(3), events: 6_000, start: 0xFFFF_FFF0)
    }
}

extension SeededRandom {
    /// A number in 0 ..< bound.
    mutating func below(_ bound: UInt64) -> UInt64 { next() % bound }
}

/// Deterministic cases of the link table: allocation races and immediate close.
final class LinkTableTests: XCTestCase {
    let parameters: EndpointParameters = {
        var p = EndpointParameters()
        p.links = 64
        return p
    }()

    /// Keys (MAC, vc 0) whose set is `set`, found with the table's hash.
    func keys(inSet set: Int, count: Int) -> [MACAddress] {
        let geometry = LinkTableGeometry(links: parameters.links)
        var found: [MACAddress] = [], mac: UInt64 = 0x98ED_5C00_0000
        while found.count < count {
            if geometry.set(mac: mac, vc: 0) == set { found.append(MACAddress(mac)) }
            mac += 1
        }
        return found
    }

    func open(_ mac: MACAddress, tx: UInt32 = 10) -> TTPFrame {
        TTPFrame(destination: LinkEngineTests.localMAC, source: mac, opcode: .open, vc: 0, txID: tx)
    }

    /// Two OPENs for one new key in consecutive cycles make one link: a
    /// second key still finds a free way in the set, a third does not.
    func testTwoOpensForOneNewKeyMakeOneLink() throws {
        let bench = try EngineBench(parameters, name: #function)
        let k = keys(inSet: 5, count: 3)
        bench.send(open(k[0]))
        bench.send(open(k[0]))
        bench.send(open(k[1]))
        bench.send(open(k[2]))
        bench.run()
        let taken = bench.taken.map(\.cycle)
        XCTAssertEqual(taken, Array(taken[0]..<taken[0] + 4), "one event a clock")
        XCTAssertEqual(bench.responses.map(\.opcode), [1, 1, 1, 2], "OPEN_ACK, OPEN_ACK, OPEN_ACK, OPEN_NACK")
        XCTAssertEqual(bench.events.count, 2, "two links opened")
    }

    /// Immediate close: with both ways of a set taken, an OPEN for the key
    /// just closed, right behind its CLOSE, gets a link on its own pass.
    func testOpenRightBehindCloseReusesTheWay() throws {
        let bench = try EngineBench(parameters, name: #function)
        let k = keys(inSet: 9, count: 2)
        bench.send(open(k[0]))
        bench.send(open(k[1]))
        // Our last TxID on a peer-opened link is the OPEN's TxID (10): the CLOSE matches.
        bench.send(TTPFrame(destination: LinkEngineTests.localMAC, source: k[0], opcode: .close, vc: 0, txID: 11, rxID: 10))
        bench.send(open(k[0], tx: 500))
        bench.run()
        let closeTaken = bench.taken[2].cycle, openTaken = bench.taken[3].cycle
        XCTAssertEqual(openTaken - closeTaken, 1, "the OPEN follows the CLOSE in the next cycle")
        XCTAssertEqual(bench.responses.map(\.opcode), [1, 1, 4, 1], "OPEN_ACK, OPEN_ACK, CLOSE_ACK, OPEN_ACK")
        XCTAssertEqual(bench.responses.last?.tx, 500)
        let gap = bench.responseCycles[3] - bench.responseCycles[2]
        print("\(#function): OPEN taken \(openTaken - closeTaken) cycle after the CLOSE, answered \(gap) cycle after its CLOSE_ACK")
        XCTAssertEqual(gap, 1)
        XCTAssertEqual(bench.events.map(\.kind), [0, 0, 1, 0])
    }
}
