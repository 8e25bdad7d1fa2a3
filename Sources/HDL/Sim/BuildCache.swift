import Foundation

/// The directory of compiled models, and the lock-then-build-then-rename
/// protocol every cached product uses.
///
/// An entry `<root>/<name>` exists only when complete: it is built in a
/// private temporary directory and renamed into place while `<name>.lock` is
/// held, so a reader never sees half a build and two processes never build
/// the same entry at once (the second waits, then finds it cached).
struct BuildCache {
    let root: URL

    /// `HDL_SIM_CACHE` if set, else `<temporary directory>/swift-hdl-sim`.
    static var defaultRoot: URL {
        if let path = ProcessInfo.processInfo.environment["HDL_SIM_CACHE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent("swift-hdl-sim")
    }

    init(root: URL? = nil) { self.root = root ?? Self.defaultRoot }

    /// The entry `name` with `product` inside it; built by `build` (given an
    /// empty scratch directory to fill) if absent. Returns the entry's
    /// directory and whether it was already there.
    func entry(_ name: String, product: String, build: (URL) throws -> Void) throws -> (URL, cached: Bool) {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let final = root.appendingPathComponent(name)
        let productPath = final.appendingPathComponent(product).path
        if FileManager.default.fileExists(atPath: productPath) { return (final, true) }
        return try FileLock.withLock(root.appendingPathComponent(name + ".lock").path) {
            // Another process may have finished it while this one waited.
            if FileManager.default.fileExists(atPath: productPath) { return (final, true) }
            let scratch = root.appendingPathComponent("tmp-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            do {
                try build(scratch)
            } catch {
                try? FileManager.default.removeItem(at: scratch)
                throw error
            }
            try? FileManager.default.removeItem(at: final)  // an incomplete leftover
            try FileManager.default.moveItem(at: scratch, to: final)
            return (final, false)
        }
    }
}
