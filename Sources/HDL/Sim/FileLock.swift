#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a lock file: two processes (or two threads) that
/// build the same model wait for each other instead of writing the same
/// directory. The lock is released when the descriptor closes, so a crashed
/// builder never leaves it held.
final class FileLock {
    private let descriptor: Int32

    /// Blocks until the lock on `path` is held.
    init(path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SimulationError.buildFailed(step: "lock", log: "cannot open lock file \(path): errno \(errno)")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            close(descriptor)
            throw SimulationError.buildFailed(step: "lock", log: "cannot lock \(path): errno \(errno)")
        }
    }

    deinit { close(descriptor) }

    /// Runs `body` while holding the lock on `path`.
    static func withLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let lock = try FileLock(path: path)
        defer { withExtendedLifetime(lock) {} }
        return try body()
    }
}
