import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One line per request on stderr, appended to a buffer on the request path and written by a
/// background queue, so a slow terminal or pipe never stalls a response.
///
/// Line format (logfmt): `method=GET path=/healthz status=200 bytes=2 us=41 remote=127.0.0.1:5500`.
final class AccessLog: Sendable {
    private let buffer = Locked<(bytes: [UInt8], flushScheduled: Bool)>(([], false))
    private let queue = DispatchQueue(label: "motcua.access-log")
    private let fd: Int32
    /// Lines beyond this much pending output are dropped rather than buffered without bound.
    private let maxPendingBytes = 4 * 1024 * 1024

    init(fd: Int32 = STDERR_FILENO) { self.fd = fd }

    /// Records one request; `path` excludes the query, which may hold personal data.
    func record(method: HTTPMethod, path: Substring, status: Int, bytes: Int, microseconds: Int, remote: String) {
        var line: [UInt8] = []
        line.reserveCapacity(96 + path.utf8.count)
        line.append(contentsOf: "method=".utf8)
        line.append(contentsOf: method.rawValue.utf8)
        line.append(contentsOf: " path=".utf8)
        for byte in path.utf8 { line.append(byte > 0x20 && byte < 0x7F ? byte : UInt8(ascii: "?")) }
        line.append(contentsOf: " status=".utf8)
        line.append(contentsOf: String(status).utf8)
        line.append(contentsOf: " bytes=".utf8)
        line.append(contentsOf: String(bytes).utf8)
        line.append(contentsOf: " us=".utf8)
        line.append(contentsOf: String(microseconds).utf8)
        line.append(contentsOf: " remote=".utf8)
        line.append(contentsOf: remote.utf8)
        line.append(UInt8(ascii: "\n"))
        let needsFlush = buffer.withLock { state -> Bool in
            guard state.bytes.count + line.count <= maxPendingBytes else { return false }
            state.bytes.append(contentsOf: line)
            if state.flushScheduled { return false }
            state.flushScheduled = true
            return true
        }
        if needsFlush {
            queue.asyncAfter(deadline: .now() + .milliseconds(50)) { [self] in flush() }
        }
    }

    /// Writes everything pending now.
    func flush() {
        let pending = buffer.withLock { state -> [UInt8] in
            state.flushScheduled = false
            defer { state.bytes.removeAll(keepingCapacity: true) }
            return state.bytes
        }
        var offset = 0
        pending.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < raw.count {
                let written = write(fd, base + offset, raw.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return  // stderr is gone or full: the log is best effort.
                }
            }
        }
    }

    /// Flushes synchronously on the log queue (at shutdown).
    func drain() { queue.sync { flush() } }
}
