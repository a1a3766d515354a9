import Foundation
import Storage

/// Writes notices into the `notifications` outbox (migration 0003).
///
/// Must be called inside the write that appends the event the notice tells about, so that a
/// notice exists exactly when its event does (transactional outbox); a delivery worker sends
/// pending rows later and records the outcome.
enum NotificationOutbox {
    /// Where the applicant can be reached.
    struct Recipient: Sendable {
        var phone: String
        var email: String?
    }

    /// Queues the SMS, and the email when the applicant gave an address.
    static func enqueue(_ message: NotificationTexts.Message, to recipient: Recipient, dossierID: Int, eventSeq: Int,
                        at now: String, on connection: Connection) throws {
        var rows = [("sms", recipient.phone, message.sms)]
        if let email = recipient.email, !email.isEmpty { rows.append(("email", email, message.email)) }
        for (channel, address, body) in rows {
            try connection.run("""
                INSERT INTO notifications (dossier_id, event_seq, channel, recipient, body, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [SQLiteValue(dossierID), SQLiteValue(eventSeq), SQLiteValue(channel), SQLiteValue(address),
                      SQLiteValue(body), SQLiteValue(now), SQLiteValue(now)])
        }
    }
}
