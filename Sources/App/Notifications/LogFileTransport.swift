import Domain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The default transport: appends one JSON line per notice to a file an operator (or a
/// gateway script) reads, `{"id","channel","recipient","body","at"}`.
///
/// Each line goes out in one `write` on a descriptor opened with `O_APPEND`, so lines from
/// this process never interleave, then `fsync` before the notice is recorded as delivered.
struct LogFileTransport: NotificationTransport {
    let path: String

    func send(_ notice: Notice, at now: Date) throws {
        try append([notice], at: now)
    }

    /// A batch in one `write` and one `fsync`: all of it goes out, or none is counted as sent.
    func send(_ notices: [Notice], at now: Date, shouldStop: () -> Bool) -> [Result<Void, any Error>?] {
        guard !notices.isEmpty, !shouldStop() else { return notices.map { _ in nil } }
        do {
            try append(notices, at: now)
            return notices.map { _ in .success(()) }
        } catch {
            return notices.map { _ in .failure(error) }
        }
    }

    private func append(_ notices: [Notice], at now: Date) throws {
        var line: [UInt8] = []
        for notice in notices {
            line += Self.line(for: notice, at: now)
            line.append(UInt8(ascii: "\n"))
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw NotificationTransportError.fileFailed(call: "open", path: path, errno: errno) }
        // Closing a descriptor that was only written and fsynced cannot lose data; its error is moot.
        defer { _ = close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written < 0 { throw NotificationTransportError.fileFailed(call: "write", path: path, errno: errno) }
        guard written == line.count else {
            throw NotificationTransportError.shortWrite(path: path, written: written, expected: line.count)
        }
        guard fsync(fd) == 0 else { throw NotificationTransportError.fileFailed(call: "fsync", path: path, errno: errno) }
    }

    /// The JSON object of one notice (no newline).
    static func line(for notice: Notice, at now: Date) -> [UInt8] {
        notice.json(trailing: [("at", VietnamTime.format(now))])
    }
}
