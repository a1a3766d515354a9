import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Metadata of served files, with the bytes of small ones, keyed by relative path.
/// Each entry is re-validated against `stat` at most once per second.
final class StaticFileCache: @unchecked Sendable {
    // Safe: `entries` and `cachedBytes` are only touched with `lock` held.
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var cachedBytes = 0
    private let cacheControl: String

    /// Files below this size are held in memory.
    static let maxCachedFileBytes = 256 * 1024
    /// Total bytes held in memory at most; bigger sets are served from disk.
    static let maxTotalBytes = 64 * 1024 * 1024

    struct Entry: Sendable {
        let realPath: String
        let size: Int
        let modifiedSeconds: Int
        let modifiedNanoseconds: Int
        let etag: String
        let headers: HTTPHeaders
        let validatorHeaders: HTTPHeaders
        let body: ResponseBody
        var checkedAt: Int
    }

    init(cacheControl: String) { self.cacheControl = cacheControl }

    /// The entry for `path` under `realRoot`, or nil when it is missing, not a regular file
    /// or resolves outside the root.
    func entry(for path: String, realRoot: String) -> Entry? {
        let now = Int(time(nil))
        let previous = lock.withLock { entries[path] }
        if let previous, previous.checkedAt == now { return previous }

        guard let real = StaticFiles.realPath(realRoot + "/" + path), real.hasPrefix(realRoot + "/") else {
            forget(path)
            return nil
        }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            forget(path)
            return nil
        }
        let size = Int(info.st_size)
        let seconds = Int(info.st_mtim.tv_sec), nanos = Int(info.st_mtim.tv_nsec)
        if var previous, previous.realPath == real, previous.size == size,
           previous.modifiedSeconds == seconds, previous.modifiedNanoseconds == nanos {
            previous.checkedAt = now
            lock.withLock { entries[path] = previous }
            return previous
        }
        var body = ResponseBody.file(path: real, size: size)
        var cachedSize = 0
        if size < Self.maxCachedFileBytes, let data = FileManager.default.contents(atPath: real), data.count == size {
            body = .bytes([UInt8](data))
            cachedSize = size
        }
        let etag = "\"" + String(size, radix: 16) + "-" + String(seconds, radix: 16) + "-" + String(nanos / 1_000_000, radix: 16) + "\""
        let lastModified = HTTPDate.string(secondsSince1970: seconds)
        let validators: HTTPHeaders = ["ETag": etag, "Last-Modified": lastModified, "Cache-Control": cacheControl]
        var headers = validators
        headers.add("Content-Type", MIMEType.forPath(path))
        let entry = Entry(
            realPath: real, size: size, modifiedSeconds: seconds, modifiedNanoseconds: nanos, etag: etag,
            headers: headers, validatorHeaders: validators, body: body, checkedAt: now)
        lock.withLock {
            if case let .bytes(old)? = entries[path].map(\.body) { cachedBytes -= old.count }
            if cachedSize == 0 || cachedBytes + cachedSize <= Self.maxTotalBytes {
                entries[path] = entry
                cachedBytes += cachedSize
            }
        }
        return entry
    }

    private func forget(_ path: String) {
        lock.withLock {
            if let old = entries.removeValue(forKey: path), case let .bytes(bytes) = old.body { cachedBytes -= bytes.count }
        }
    }
}
