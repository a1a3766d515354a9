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
}

/// Hands a notice to the outside world: an SMS/email gateway, or a file an operator reads.
///
/// Called only on the delivery worker's thread, one notice at a time. Returning means the
/// notice was handed over; throwing means this attempt failed and will be retried later.
protocol NotificationTransport: Sendable {
    func send(_ notice: Notice, at now: Date) throws
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
