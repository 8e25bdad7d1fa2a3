import XCTest
import HDL
@testable import TTPHardware
import TTPTestbench

/// `ttp_replay_lists` on its own, driven with a random stream of the link
/// engine's commands (appends on open and opening links, opened, ACK, NACK,
/// NACK_FULL, flush, refuse, close wanted) and random back-pressure on its sends, checked
/// on every cycle against what the commands said: a slot comes back only
/// if an ACK or NACK covered it after it was sent, or its link was flushed,
/// or it was refused, and never twice; every send names a slot its link
/// holds (or held: a resend may leave after an ACK) with the ID and length
/// it was appended with; fresh IDs go out in order, one more each time; a
/// closing link's appends are refused, and its drained close comes only
/// once its list is empty. At the end everything is acknowledged or
/// flushed, every closing link has given its close, and every slot is back.
final class ReplayListsTests: XCTestCase {
    func testRandomCommandsAgainstTheLists() throws {
        var parameters = EndpointParameters()
        (parameters.links, parameters.replaySlots) = (8, 16)
        let bench = try ListsBench(parameters, seedLabel: #function)
        bench.run(cycles: 30_000)
    }
}

final class ListsBench {
    struct Entry { var slot: Int, id: UInt32, length: Int }
    struct Link {
        var alive = false, open = false
        /// A close was asked for (appends are refused); drained closes seen.
        var closing = false, closes = 0
        var mac: UInt64 = 0, vc: UInt64 = 0
        /// The engine's last TxID when the list started; the last ID given.
        var start: UInt32 = 0, lastID: UInt32 = 0
        var held: [Entry] = []
        /// The last ID seen sent fresh, and the oldest not yet acknowledged.
        var sentTo: UInt32 = 0
    }

    let sim: Simulator
    var random: SeededRandom
    let slots: Int, links: Int
    var free: [Int]
    var lists: [Link]
    /// Slots whose return is owed (covered by an ACK, a flush or a refusal).
    var owed: Set<Int> = []
    /// What each slot was appended with, kept until it is appended again.
    var appended: [Int: (link: Int, entry: Entry)] = [:]
    var queue: [(bits: BitVector, apply: () -> Void)] = []
    var refused = 0, flushed = 0, sends = 0, resends = 0, retired = 0, closesSeen = 0
    /// Links made so far (each gets a MAC of its own), and the MACs of
    /// flushed ones, whose sends may still come out (the engine would drop them).
    var made = 0
    var everAppended: Set<String> = []
    var dead: Set<UInt64> = []

    init(_ parameters: EndpointParameters, seedLabel: String) throws {
        random = SeededRandom.fromEnvironment(seedLabel)
        sim = try Simulator(ReplayLists(parameters, backoff: 40))
        slots = parameters.replaySlots
        links = LinkTableGeometry(links: parameters.links).sets * LinkTableGeometry.ways
        free = Array(0..<slots)
        lists = Array(repeating: Link(), count: links)
    }

    var label: String { "seed \(random.seed)" }

    func run(cycles: Int) {
        sim.reset()
        for cycle in 0..<cycles {
            if queue.count < 4 { plan(acksOnly: false) }
            cycleOnce(cycle)
        }
        // Drain: open every link, acknowledge everything, then flush what is left.
        for p in 0..<links where lists[p].alive && !lists[p].open { opened(p) }
        for round in 0..<40 {
            if queue.isEmpty && round % 2 == 0 { plan(acksOnly: true) }
            for _ in 0..<200 { cycleOnce(cycles) }
        }
        for p in 0..<links where lists[p].closing {
            XCTAssertGreaterThan(lists[p].closes, 0, "link \(p) asked to close, drained, but gave no close, \(label)")
        }
        XCTAssertGreaterThan(closesSeen, 3, label)
        for p in 0..<links where lists[p].alive { flush(p) }
        for _ in 0..<4000 { cycleOnce(cycles) }
        XCTAssertTrue(owed.isEmpty, "slots owed but not returned: \(owed.sorted()), \(label)")
        XCTAssertEqual(free.count, slots, "every slot back, \(label)")
        XCTAssertEqual(Int(sim.getUInt64("drop_refused")), refused, label)
        XCTAssertEqual(Int(sim.getUInt64("drop_flushed")), flushed, label)
        print("ListsBench \(label): \(sends) sends (\(resends) again), \(retired) slots retired, \(refused) refused, \(flushed) flushed, \(closesSeen) closes")
        XCTAssertGreaterThan(resends, 20, "NACKs made resends, \(label)")
        XCTAssertGreaterThan(flushed, 5, label)
    }

    func cycleOnce(_ cycle: Int) {
        sim.set("command_valid", queue.isEmpty ? 0 : 1)
        if let head = queue.first { sim.set("command", head.bits) }
        let takes = random.next() % 4 != 0
        sim.set("send_ready", takes ? 1 : 0)
        sim.eval()
        if !queue.isEmpty && sim.getUInt64("command_ready") == 1 { queue.removeFirst().apply() }
        if takes && sim.getUInt64("send_valid") == 1 { observeSend(cycle) }
        if sim.getUInt64("retire") == 1 { observeRetire(Int(sim.getUInt64("retire_slot")), cycle) }
        sim.step()
    }

    func observeSend(_ cycle: Int) {
        let mac = sim.getUInt64("send_mac"), vc = sim.getUInt64("send_vc")
        let id = UInt32(sim.getUInt64("send_tx_id")), slot = Int(sim.getUInt64("send_slot"))
        let fresh = sim.getUInt64("send_fresh") == 1
        guard let p = lists.firstIndex(where: { $0.alive && $0.mac == mac && $0.vc == vc }) else {
            return XCTAssertTrue(dead.contains(mac), "a send for no link, cycle \(cycle), \(label)")
        }
        if sim.getUInt64("send_close") == 1 {
            XCTAssert(lists[p].closing && lists[p].held.isEmpty,
                      "a drained close of a link not closing or not empty, cycle \(cycle), \(label)")
            lists[p].closes += 1
            closesSeen += 1
            return
        }
        let length = Int(sim.getUInt64("send_length"))
        // A fresh send is of a slot its link holds now; a resend may be of a
        // slot retired meanwhile (and even taken again): as it was appended.
        if fresh, let known = appended[slot] {
            XCTAssert(known.link == p && known.entry.id == id && known.entry.length == length,
                      "send of slot \(slot) id \(id) not as appended, cycle \(cycle), \(label)")
        } else {
            XCTAssert(everAppended.contains("\(mac) \(slot) \(id) \(length)"),
                      "resend of slot \(slot) id \(id) never appended so, cycle \(cycle), \(label)")
        }
        XCTAssertTrue(lists[p].open, "a send on a link not opened, cycle \(cycle), \(label)")
        sends += 1
        if fresh {
            XCTAssertEqual(id, lists[p].sentTo &+ 1, "fresh IDs in order, cycle \(cycle), \(label)")
            lists[p].sentTo = id
        } else {
            resends += 1
            XCTAssertFalse(TTPSequence.isYounger(id, than: lists[p].sentTo), "a resend of an ID never sent, \(label)")
        }
    }

    func observeRetire(_ slot: Int, _ cycle: Int) {
        guard owed.remove(slot) != nil else { return XCTFail("slot \(slot) returned unasked or twice, cycle \(cycle), \(label)") }
        free.append(slot)
        retired += 1
    }

    // MARK: commands

    func command(_ kind: ReplayCommandKind, _ p: Int, id: UInt32 = 0, slot: Int = 0, length: Int = 0,
                 sendable: Bool = false, apply: @escaping () -> Void = {}) {
        let link = lists[p]
        let word = ReplayCommand.constant([
            (\.kind, UInt64(kind.rawValue)), (\.link, UInt64(p)), (\.peerMAC, link.mac), (\.vc, link.vc),
            (\.id, UInt64(id)), (\.slot, UInt64(slot)), (\.length, UInt64(length)), (\.sendable, sendable ? 1 : 0),
        ])
        queue.append((word, apply))
    }

    /// One random command, applied to the model as the lists take it.
    func plan(acksOnly: Bool) {
        let p = Int(random.next() % UInt64(links))
        let roll = acksOnly ? 60 : Int(random.next() % 100)
        switch roll {
        case ..<40: append(p)
        case ..<45: if lists[p].alive && !lists[p].open { opened(p) }
        case ..<75: acknowledge(p, nack: !acksOnly && roll >= 65, full: !acksOnly && roll >= 72)
        case ..<78: if lists[p].alive { flush(p) }
        case ..<81: refuse()
        case ..<83: if lists[p].alive && lists[p].open { closeWanted(p) }
        default: break
        }
    }

    func append(_ p: Int) {
        guard !free.isEmpty else { return }
        let slot = free.remove(at: Int(random.next() % UInt64(free.count)))
        if lists[p].closing {
            command(.append, p, id: lists[p].start, slot: slot, length: 1, sendable: true) {
                self.owed.insert(slot)
                self.refused += 1
            }
            return
        }
        if !lists[p].alive {
            let start = UInt32(truncatingIfNeeded: 0xFFFF_FFF0 &+ random.next() % 32)
            made += 1
            lists[p] = Link(alive: true, open: random.chance(0.5),
                            mac: 0x0200_0000_0000 + UInt64(made), vc: UInt64(p % 3), start: start, lastID: start, sentTo: start)
        }
        lists[p].lastID &+= 1
        let entry = Entry(slot: slot, id: lists[p].lastID, length: 1 + Int(random.next() % 100))
        lists[p].held.append(entry)
        appended[slot] = (p, entry)
        everAppended.insert("\(lists[p].mac) \(slot) \(entry.id) \(entry.length)")
        command(.append, p, id: lists[p].start, slot: slot, length: entry.length, sendable: lists[p].open)
    }

    /// ACK an ID seen sent (or NACK one, retiring those before it).
    func acknowledge(_ p: Int, nack: Bool, full: Bool) {
        let link = lists[p]
        guard link.alive, let oldest = link.held.first, !TTPSequence.isYounger(oldest.id, than: link.sentTo) else { return }
        let span = link.sentTo &- oldest.id
        let id = oldest.id &+ UInt32(random.next() % UInt64(span + 1))
        let covered = link.held.filter { nack ? TTPSequence.isYounger(id, than: $0.id) : !TTPSequence.isYounger($0.id, than: id) }
        command(nack ? (full ? .nackFull : .nack) : .ack, p, id: id) {
            for e in covered { self.owed.insert(e.slot) }
        }
        lists[p].held.removeFirst(covered.count)
    }

    /// The link may send (from the commands after this one on, as the engine's would say).
    func opened(_ p: Int) {
        command(.opened, p)
        lists[p].open = true
    }

    func flush(_ p: Int) {
        let held = lists[p].held
        dead.insert(lists[p].mac)
        command(.flush, p) {
            for e in held { self.owed.insert(e.slot) }
            self.flushed += held.count
        }
        lists[p] = Link()
    }

    /// A close command on the (open) link: no more appends; a close once drained.
    func closeWanted(_ p: Int) {
        command(.closeWanted, p)
        lists[p].closing = true
    }

    func refuse() {
        guard !free.isEmpty else { return }
        let slot = free.removeLast()
        command(.refuse, 0, slot: slot) {
            self.owed.insert(slot)
            self.refused += 1
        }
    }
}
