/// Decides, cycle by cycle, whether a stream agent holds back: a source
/// inserting an idle cycle, a sink lowering `tready`. Seeded, so a failing
/// pattern replays exactly.
public struct StallGenerator: Sendable {
    private enum Kind: Sendable {
        case never
        case random(probability: Double, random: SeededRandom)
        case pattern([Bool], position: Int)
    }

    private var kind: Kind

    /// Never stalls: full throughput.
    public static let never = StallGenerator(kind: .never)

    /// Stalls each cycle with `probability`, from a seeded generator.
    public static func random(probability: Double, seed: UInt64) -> StallGenerator {
        StallGenerator(kind: .random(probability: probability, random: SeededRandom(seed: seed)))
    }

    /// Repeats `pattern` (true = stall) forever.
    public static func pattern(_ pattern: [Bool]) -> StallGenerator {
        precondition(!pattern.isEmpty, "a stall pattern needs at least one entry")
        return StallGenerator(kind: .pattern(pattern, position: 0))
    }

    /// Whether to stall this cycle.
    public mutating func next() -> Bool {
        switch kind {
        case .never:
            return false
        case .random(let probability, var random):
            let stall = random.chance(probability)
            kind = .random(probability: probability, random: random)
            return stall
        case .pattern(let pattern, let position):
            kind = .pattern(pattern, position: (position + 1) % pattern.count)
            return pattern[position]
        }
    }
}
