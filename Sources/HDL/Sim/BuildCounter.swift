import Foundation

/// Counts the Verilator builds this process has run, so tests can prove that
/// a second simulator of the same design came from the cache.
final class BuildCounter: @unchecked Sendable {
    static let shared = BuildCounter()
    private let lock = NSLock()
    private var count = 0

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }
}
