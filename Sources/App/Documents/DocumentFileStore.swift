import Foundation
import Hashing
#if canImport(Glibc)
import Glibc
#endif

/// The content-addressed store of document files: each file lives at
/// `<root>/ab/cdef…`, named by the lowercase hex SHA-256 of its bytes (first two digits as the
/// folder), so the same content is stored once however many dossiers attach it.
///
/// A file enters the store complete or not at all: its bytes are in a temporary file on the
/// same file system, which is fsynced and then renamed into place (rename(2) is atomic within
/// one file system), and the folder is fsynced so the new name survives a power loss. Stored
/// files are never modified. Uploads are parsed into `incomingDirectory`, beside the store.
///
/// A request holds the files it commits until its database write is done (`hold`, `release`):
/// when that write fails or is refused, the files it brought that no row names and no other
/// request holds are removed, so a failed upload leaves nothing behind, and a file another
/// request has just taken up (the same content) is never removed under it.
struct DocumentFileStore: Sendable {
    let root: String
    private let holds = Holds()

    /// How many requests hold each stored file, by SHA-256.
    private final class Holds: @unchecked Sendable {
        // Safe: `counts` is only touched with `lock` held.
        let lock = NSLock()
        var counts: [String: Int] = [:]
    }

    /// Creates the store's folders if needed.
    init(root: String) throws {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        try FileManager.default.createDirectory(atPath: incomingDirectory, withIntermediateDirectories: true)
        removeAbandonedUploads(olderThan: Date().addingTimeInterval(-3600))
    }

    /// Removes files a crashed process left in the incoming folder (a request's files live
    /// there only while it runs, far less than the hour allowed).
    func removeAbandonedUploads(olderThan cutoff: Date) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: incomingDirectory)) ?? [] {  // unreadable: nothing to sweep
            let path = incomingDirectory + "/" + name
            if let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < cutoff {
                _ = unlink(path)  // a file already gone is fine
            }
        }
    }

    /// Where multipart uploads are written while a request is read (same file system as the store).
    var incomingDirectory: String { root + "/incoming" }

    /// The stored file of `sha256`, or nil when the text is not 64 lowercase hex digits.
    func path(forSHA256 sha256: String) -> String? {
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            return nil
        }
        return root + "/" + sha256.prefix(2) + "/" + sha256.dropFirst(2)
    }

    /// Holds `sha256` for a request that is about to commit it: `release` removes no file a
    /// request holds. Taken before the file is looked for, so a file found already stored is
    /// held before anything could remove it.
    func hold(_ sha256: String) {
        holds.lock.lock()
        holds.counts[sha256, default: 0] += 1
        holds.lock.unlock()
    }

    /// Lets go of holds taken with `hold`. `isReferenced`, given after a write that did not
    /// record the files, says whether a row names a file: one that no row names and no request
    /// still holds is removed. When it throws, the file stays.
    func release(_ sha256s: [String], removingUnreferenced isReferenced: ((String) throws -> Bool)? = nil) {
        holds.lock.lock()
        defer { holds.lock.unlock() }
        for sha256 in sha256s {
            let count = (holds.counts[sha256] ?? 1) - 1
            holds.counts[sha256] = count > 0 ? count : nil
            guard count <= 0, let isReferenced, (try? isReferenced(sha256)) == false,
                  let path = path(forSHA256: sha256) else { continue }
            _ = unlink(path)  // gone already is fine
        }
    }

    /// Moves the finished temporary file at `temporaryPath` to the address `sha256`; when that
    /// content is already stored, the temporary file is removed instead (deduplication).
    func commit(temporaryPath: String, sha256: String) throws {
        guard let target = path(forSHA256: sha256) else { throw DocumentFileStoreError.invalidAddress }
        let folder = String(target.prefix(root.count + 3))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if access(target, F_OK) == 0 {
            _ = unlink(temporaryPath)  // already stored: the copy is redundant, and gone is fine
            return
        }
        try Self.fsync(path: temporaryPath, flags: O_RDONLY)
        guard rename(temporaryPath, target) == 0 else { throw DocumentFileStoreError.fileSystem(call: "rename", errno: errno) }
        try Self.fsync(path: folder, flags: O_RDONLY | O_DIRECTORY)
    }

    /// Stores `bytes` (written to a temporary file in the target folder, fsynced, renamed);
    /// returns their SHA-256 hex.
    @discardableResult
    func store(_ bytes: [UInt8]) throws -> String {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        let sha256 = Hex.encode(hasher.finalize())
        guard let target = path(forSHA256: sha256) else { throw DocumentFileStoreError.invalidAddress }
        let folder = String(target.prefix(root.count + 3))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if access(target, F_OK) == 0 { return sha256 }
        let temporary = folder + "/.tmp-" + UUID().uuidString
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DocumentFileStoreError.fileSystem(call: "open", errno: errno) }
        do {
            try Self.writeAll(bytes, to: descriptor)
            guard Glibc.fsync(descriptor) == 0 else { throw DocumentFileStoreError.fileSystem(call: "fsync", errno: errno) }
            _ = Glibc.close(descriptor)  // data already fsynced; a close error loses nothing
            guard rename(temporary, target) == 0 else { throw DocumentFileStoreError.fileSystem(call: "rename", errno: errno) }
        } catch {
            _ = Glibc.close(descriptor)  // may already be closed; EBADF is harmless here
            _ = unlink(temporary)
            throw error
        }
        try Self.fsync(path: folder, flags: O_RDONLY | O_DIRECTORY)
        return sha256
    }

    /// The SHA-256 hex and the first eight bytes of the file at `path`, read in 64 KiB chunks.
    static func digest(ofFileAt path: String) throws -> (sha256: String, head: [UInt8]) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DocumentFileStoreError.fileSystem(call: "open", errno: errno) }
        defer { _ = Glibc.close(descriptor) }  // read-only: a close failure loses nothing
        var hasher = SHA256Hasher()
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw DocumentFileStoreError.fileSystem(call: "read", errno: errno)
            }
            if count == 0 { break }
            if head.count < 8 { head += buffer[0..<min(count, 8 - head.count)] }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return (Hex.encode(hasher.finalize()), head)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw DocumentFileStoreError.fileSystem(call: "write", errno: errno)
            }
            written += result
        }
    }

    private static func fsync(path: String, flags: Int32) throws {
        let descriptor = open(path, flags | O_CLOEXEC)
        guard descriptor >= 0 else { throw DocumentFileStoreError.fileSystem(call: "open", errno: errno) }
        defer { _ = Glibc.close(descriptor) }  // after fsync, a close failure loses nothing
        guard Glibc.fsync(descriptor) == 0 else { throw DocumentFileStoreError.fileSystem(call: "fsync", errno: errno) }
    }
}
