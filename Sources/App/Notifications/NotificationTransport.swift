import Foundation

/// One pending row of the `notifications` outbox as a transport sees it, with its dossier code.
struct Notice: Sendable, Equatable {
    var id: Int
    var dossierCode: String
    /// `sms` or `email` (the CHECK of migration 0003).
    var channel: String
    var recipient: String
    var body: String
    var createdAt: String
    /// Attempts made before this one.
    var attempts: Int

    /// One notice as a JSON object: `id`, then `extra`'s fields, then `channel`, `recipient` and
    /// `body`, then `trailing`'s (each transport adds its own: the log its time of writing,
    /// the webhook the dossier code and the time queued).
    func json(extra: [(String, String)] = [], trailing: [(String, String)] = []) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + body.utf8.count)
        writer.beginObject()
        writer.key("id")
        writer.int(id)
        for (key, value) in extra + [("channel", channel), ("recipient", recipient), ("body", body)] + trailing {
            writer.key(key)
            writer.string(value)
        }
        writer.endObject()
        return writer.bytes
    }
}

/// Hands a notice to the outside world: an SMS/email gateway, or a file an operator reads.
///
/// Called only on the delivery worker's thread. Returning means the notice was handed over;
/// throwing means this attempt failed and will be retried later.
protocol NotificationTransport: Sendable {
    func send(_ notice: Notice, at now: Date) throws
    /// Sends a batch and says, for each notice in order, whether it went out. The default sends
    /// them one by one, stopping early (the rest unsent, `nil`) when `shouldStop` says so; a
    /// transport that can hand over many at once (one write, one fsync) does so.
    func send(_ notices: [Notice], at now: Date, shouldStop: () -> Bool) -> [Result<Void, any Error>?]
}

extension NotificationTransport {
    func send(_ notices: [Notice], at now: Date, shouldStop: () -> Bool) -> [Result<Void, any Error>?] {
        var results: [Result<Void, any Error>?] = []
        for notice in notices {
            if shouldStop() {
                results.append(nil)
                continue
            }
            results.append(Result { try send(notice, at: now) })
        }
        return results
    }
}

/// Why one delivery attempt failed; `description` is what `last_error` records.
enum NotificationTransportError: Error, Equatable, CustomStringConvertible {
    /// A file call failed (`errno` captured at the call).
    case fileFailed(call: String, path: String, errno: Int32)
    /// `write` wrote fewer bytes than the line (the disk filled up, a quota).
    case shortWrite(path: String, written: Int, expected: Int)
    /// The webhook answered something other than 2xx; `body` is the start of its answer.
    case httpStatus(Int, body: String)
    /// The request never got an answer: refused, unreachable, DNS, TLS.
    case network(String)
    /// No answer within the timeout.
    case timedOut(seconds: Double)

    var description: String {
        switch self {
        case let .fileFailed(call, path, code):
            return "\(call)(\(path)) failed: \(String(cString: strerror(code))) (errno \(code))"
        case let .shortWrite(path, written, expected):
            return "short write to \(path): \(written) of \(expected) bytes"
        case let .httpStatus(status, body):
            return body.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(body)"
        case let .network(message):
            return "network error: \(message)"
        case let .timedOut(seconds):
            return "no answer within \(Int(seconds)) s"
        }
    }
}
