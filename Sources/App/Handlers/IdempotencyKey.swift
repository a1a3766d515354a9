import Domain
import Foundation
import HTTP
import Hashing
import Storage

/// The `Idempotency-Key` request header of intakes and uploads (draft-ietf-httpapi-idempotency-key-header):
/// a string the client chooses, the same on every retry of one request. The draft's form is a
/// Structured Field string (RFC 8941 §3.3.3, `"..."` with `\"` and `\\` escapes); a bare token of
/// visible ASCII, as many clients send, is accepted too.
enum IdempotencyKey {
    static let maxLength = 255
    /// How long a key answers with what its first request made; after that it may be used again.
    static let lifetime: TimeInterval = 24 * 3600

    /// The key of `request`; nil without the header; 400 when it is repeated, empty, too long or
    /// not visible ASCII.
    static func of(_ request: Request) throws -> String? {
        let values = request.headers.values(for: "Idempotency-Key")
        guard let value = values.first else { return nil }
        guard values.count == 1, let key = parse(value) else {
            throw APIError.badRequest("Tiêu đề Idempotency-Key không hợp lệ: cần đúng một giá trị gồm 1–255 ký tự ASCII in được (ví dụ một UUID).")
        }
        return key
    }

    /// The key in `field` (a field value, optional whitespace around it), or nil when malformed.
    static func parse(_ field: String) -> String? {
        var bytes = Substring(field).utf8[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        var key: [UInt8] = []
        if bytes.first == UInt8(ascii: "\"") {
            bytes.removeFirst()
            var closed = false
            while let byte = bytes.popFirst() {
                if byte == UInt8(ascii: "\"") { closed = true; break }
                if byte == UInt8(ascii: "\\") {
                    guard let escaped = bytes.popFirst(), escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") else {
                        return nil
                    }
                    key.append(escaped)
                } else {
                    guard byte >= 0x20, byte <= 0x7E else { return nil }
                    key.append(byte)
                }
            }
            guard closed, bytes.isEmpty else { return nil }
        } else {
            guard bytes.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != UInt8(ascii: "\"") }) else { return nil }
            key = Array(bytes)
        }
        guard !key.isEmpty, key.count <= maxLength else { return nil }
        return String(decoding: key, as: UTF8.self)
    }

    /// The SHA-256 of what a request asks for, given as fields: each is written as its UTF-8
    /// length, a colon and its bytes (`-` when absent), so no two different lists give the same
    /// text.
    static func fingerprint(_ fields: [String?]) -> [UInt8] {
        var text: [UInt8] = []
        for field in fields {
            guard let field else { text.append(UInt8(ascii: "-")); continue }
            text += Array("\(field.utf8.count):".utf8)
            text += Array(field.utf8)
        }
        return SHA256.hash(text)
    }

    /// The row of `userID`'s use of `key` in `table` (a key table with `user_id`, `key` and
    /// `created_at`, migrations 0008 and 0009), with `columns`, if that use is younger than
    /// `lifetime`; nil when the key is new or expired.
    static func recentUse(of key: String, by userID: Int, in table: String, columns: String, now: Date,
                          on connection: Connection) throws -> Row? {
        guard let row = try connection.queryOne(
            "SELECT created_at, \(columns) FROM \(table) WHERE user_id = ? AND key = ?",
            [SQLiteValue(userID), SQLiteValue(key)]),
              let createdAt = VietnamTime.parse(try row.string("created_at")),
              now.timeIntervalSince(createdAt) < lifetime else {
            return nil
        }
        return row
    }
}

/// A request that carries an `Idempotency-Key`: the key and the fingerprint of what it asks for.
struct KeyedRequest: Sendable {
    var key: String
    var fingerprint: [UInt8]

    /// `IdempotencyKey.recentUse` of this key, with `columns`. An earlier use for something else
    /// (another fingerprint) is refused with 422 and `refusal`: the Idempotency-Key draft asks for
    /// that, since replaying it would answer a request not made.
    func earlierUse(by userID: Int, in table: String, columns: String, now: Date, refusal: String,
                    on connection: Connection) throws -> Row? {
        guard let row = try IdempotencyKey.recentUse(of: key, by: userID, in: table, columns: "fingerprint, " + columns,
                                                     now: now, on: connection) else {
            return nil
        }
        guard try row.blob("fingerprint") == fingerprint else {
            throw APIError.validationFailed(["Idempotency-Key": refusal])
        }
        return row
    }
}
