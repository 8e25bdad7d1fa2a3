import Foundation

/// A small, fast, seeded generator (SplitMix64) for random tests: the same
/// seed gives the same stream on every platform and Swift version, which
/// `SystemRandomNumberGenerator` cannot promise.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public let seed: UInt64
    private var state: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        self.state = seed
    }

    /// A generator seeded from `HDL_SEED` when set, else from the system's
    /// randomness. Prints the seed with `label` so any failure can be replayed
    /// with `HDL_SEED=<seed> swift test --filter <test>`.
    public static func fromEnvironment(_ label: String = #function) -> SeededRandom {
        let seed = ProcessInfo.processInfo.environment["HDL_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 0...UInt64.max)
        print("\(label): HDL_SEED=\(seed)")
        return SeededRandom(seed: seed)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with the given probability (0...1).
    public mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < probability
    }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }

    /// An independent generator derived from this one (for a second agent).
    public mutating func split() -> SeededRandom { SeededRandom(seed: next()) }
}
