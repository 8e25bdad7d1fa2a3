import Foundation
@testable import HDL
import XCTest

/// The pieces under the simulator: hash, random numbers, shim names, locks,
/// and the environment switches.
final class SupportTests: XCTestCase {
    func testSHA256MatchesTheStandardVectors() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testSeededRandomIsSplitMix64() {
        var zero = SeededRandom(seed: 0)
        XCTAssertEqual(zero.next(), 0xE220_A839_7B1D_CDAF, "the published SplitMix64 first value for seed 0")
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42)
        XCTAssertEqual((0..<100).map { _ in a.next() }, (0..<100).map { _ in b.next() })
        var c = SeededRandom(seed: 7)
        let hits = (0..<10_000).filter { _ in c.chance(0.25) }.count
        XCTAssertTrue((2_200...2_800).contains(hits), "\(hits) of 10000 at p = 0.25")
    }

    func testStallPatternsRepeat() {
        var pattern = StallGenerator.pattern([true, false, false])
        XCTAssertEqual((0..<7).map { _ in pattern.next() }, [true, false, false, true, false, false, true])
        var never = StallGenerator.never
        XCTAssertFalse((0..<100).contains { _ in never.next() })
    }

    func testPortsNamedLikeCppWordsAreReachable() throws {
        // Verilator renames `set`, `delete`, `list` in C++; the shim must follow.
        let design = TestDesigns.design(
            top: "cpp_words", ports: [("set", 4, .input), ("delete", 4, .input), ("list", 5, .output)],
            body: "    assign list = {1'b0, set} + {1'b0, delete};")
        XCTAssertEqual(ShimGenerator.cppMember("set"), "__SYM__set")
        XCTAssertEqual(ShimGenerator.cppMember("q"), "q")
        let sim = try Simulator(design: design)
        sim.set("set", 9)
        sim.set("delete", 12)
        XCTAssertEqual(sim.getUInt64("list"), 21)
    }

    func testStepZeroKeepsPendingInputs() throws {
        let sim = try Simulator(design: TestDesigns.adder)
        sim.set("a", 5)
        sim.step(0)
        sim.set("b", 6)
        XCTAssertEqual(sim.getUInt64("sum"), 11)
        XCTAssertEqual(sim.cycle, 0)
    }

    func testConcurrentBuildsOfOneDesignBuildOnce() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("swift-hdl-sim-cache-test")
        let base = TestDesigns.hierarchy
        let design = EmittedDesign(
            top: base.top,
            files: base.files.map { VerilogFile(name: $0.name, text: $0.text + "// concurrent \(UUID())\n") },
            ports: base.ports)
        let before = Simulator.buildCount
        let results = ConcurrentResults()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            results.append(Result { try Simulator(design: design, cacheDirectory: cache) })
        }
        let sims = try results.all.map { try $0.get() }
        XCTAssertEqual(sims.count, 2)
        XCTAssertEqual(Simulator.buildCount, before + 1, "one thread built, the other waited on the lock")
        XCTAssertEqual(sims.filter(\.buildWasCached).count, 1)
        for sim in sims {
            sim.set("x", 40)
            XCTAssertEqual(sim.getUInt64("y"), 42)
        }
        for entry in try FileManager.default.contentsOfDirectory(atPath: cache.path) where entry.hasPrefix("model-pair-") {
            try? FileManager.default.removeItem(at: cache.appendingPathComponent(entry))
        }
    }

    func testEnvironmentTurnsWavesOn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hdl-env-waves-\(UUID())")
        defer {
            unsetenv("HDL_WAVES")
            unsetenv("HDL_WAVES_DIR")
            try? FileManager.default.removeItem(at: directory)
        }
        XCTAssertNil(WaveOptions.fromEnvironment())
        setenv("HDL_WAVES", "1", 1)
        setenv("HDL_WAVES_DIR", directory.path, 1)
        let sim = try Simulator(design: TestDesigns.adder, name: "env waves/adder")
        sim.set("a", 1)
        sim.step(3)
        sim.closeWaves()
        let url = try XCTUnwrap(sim.wavesURL)
        XCTAssertEqual(url, directory.appendingPathComponent("env_waves_adder.vcd"))
        XCTAssertTrue(try String(contentsOf: url, encoding: .utf8).contains("$enddefinitions"))
    }
}

/// Results gathered from concurrent closures.
private final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Simulator, Error>] = []

    func append(_ result: Result<Simulator, Error>) {
        lock.lock()
        results.append(result)
        lock.unlock()
    }

    var all: [Result<Simulator, Error>] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
