import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request body being written to a temporary file, for routes with `spoolsBodyToDisk`.
/// Owned by one connection's queue; the file is removed after the response.
final class BodySpool {
    let path: String
    private var fd: Int32
    private(set) var size = 0

    /// Creates a new, private (0600) file in `directory`.
    init(directory: String) throws(SocketError) {
        var random = SystemRandomNumberGenerator()
        let name = "motcua-body-" + String(random.next(), radix: 16) + String(random.next(), radix: 16)
        path = (directory.hasSuffix("/") ? directory : directory + "/") + name
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .makeFailed("open(spool)") }
    }

    /// Appends bytes; false when the disk refuses them.
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        size += bytes.count
        return true
    }

    /// Closes the descriptor; the file stays for the handler.
    func finish() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// Closes and deletes the file.
    func remove() {
        finish()
        unlink(path)
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }
}
