import Domain
import Hashing
import Storage

/// Appends events to the audit trail, chaining each to the previous one by SHA-256, so that
/// an edited or deleted row breaks the chain (`motcua audit verify`).
///
/// Must be called inside a write: the chain head is read in the same transaction as the
/// insert, so `seq` stays gap-free and in commit order.
enum EventLog {
    static let genesisHash = String(repeating: "0", count: 64)

    struct NewEvent {
        var dossierID: Int
        var dossierCode: String
        var at: String
        var action: String
        var actor: User?
        var actorName: String
        var actorRole: String
        var fromStatus: DossierStatus?
        var toStatus: DossierStatus
        var agencyID: Int
        var note: String?
    }

    /// Inserts the event and stores the dossier's packed history (`DossierHistory`) as `prior`
    /// plus this event; returns the event as stored.
    ///
    /// `prior`: every earlier event of the dossier, in order, or nil when the caller does not
    /// have them all, which stores NULL (readers then use `dossier_events`): the packed copy is
    /// exact or absent, never short.
    @discardableResult
    static func append(_ event: NewEvent, after prior: [Dossier.Event]?, on connection: Connection) throws -> Dossier.Event {
        let head = try connection.queryOne("SELECT seq, hash FROM dossier_events ORDER BY seq DESC LIMIT 1")
        let previousSeq = try head?.int("seq") ?? 0
        let previousHash = try head?.string("hash") ?? genesisHash
        let seq = previousSeq + 1
        let hash = chainHash(seq: seq, previousHash: previousHash, dossierCode: event.dossierCode, at: event.at,
                             action: event.action, actorID: event.actor?.id, fromStatus: event.fromStatus?.rawValue,
                             toStatus: event.toStatus.rawValue, agencyID: event.agencyID, note: event.note)
        try connection.run("""
            INSERT INTO dossier_events (seq, dossier_id, at, action, actor_id, actor_name, actor_role, from_status,
                to_status, national_status, agency_id, note, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [SQLiteValue(seq), SQLiteValue(event.dossierID), SQLiteValue(event.at), SQLiteValue(event.action),
                  SQLiteValue(event.actor?.id), SQLiteValue(event.actorName), SQLiteValue(event.actorRole),
                  SQLiteValue(event.fromStatus?.rawValue), SQLiteValue(event.toStatus.rawValue),
                  SQLiteValue(event.toStatus.nationalStatus), SQLiteValue(event.agencyID), SQLiteValue(event.note),
                  SQLiteValue(previousHash), SQLiteValue(hash)])
        let stored = Dossier.Event(seq: seq, at: event.at, action: event.action, actorID: event.actor?.id,
                                   actorName: event.actorName, actorRole: event.actorRole,
                                   fromStatus: event.fromStatus?.rawValue, toStatus: event.toStatus.rawValue,
                                   agencyID: event.agencyID, note: event.note)
        let history = prior.flatMap { DossierHistory.encode($0 + [stored]) }
        try connection.run("UPDATE dossiers SET history = ? WHERE id = ?",
                           [history.map(SQLiteValue.blob) ?? .null, SQLiteValue(event.dossierID)])
        return stored
    }

    /// The hash of one event: SHA-256 over its fields, each length-prefixed so that no two
    /// different events can produce the same input.
    ///
    /// Input: for each of previous hash, seq, dossier code, at, action, actor id (empty when
    /// none), from status (empty when none), to status, agency id and note (empty when none),
    /// its UTF-8 byte count in decimal, `:`, then its UTF-8 bytes. The result is lowercase hex.
    /// Built in one buffer without per-field arrays: `motcua seed-bench` hashes millions of events.
    static func chainHash(seq: Int, previousHash: String, dossierCode: String, at: String, action: String,
                          actorID: Int?, fromStatus: String?, toStatus: String, agencyID: Int, note: String?) -> String {
        var input: [UInt8] = []
        input.reserveCapacity(256)
        appendField(previousHash, to: &input)
        appendField(String(seq), to: &input)
        appendField(dossierCode, to: &input)
        appendField(at, to: &input)
        appendField(action, to: &input)
        appendField(actorID.map(String.init) ?? "", to: &input)
        appendField(fromStatus ?? "", to: &input)
        appendField(toStatus, to: &input)
        appendField(String(agencyID), to: &input)
        appendField(note ?? "", to: &input)
        var hasher = SHA256Hasher()
        hasher.update(input)
        return Hex.encode(hasher.finalize())
    }

    /// Appends `<byte count>:<UTF-8 bytes>`.
    private static func appendField(_ field: String, to input: inout [UInt8]) {
        var field = field
        field.withUTF8 { bytes in
            appendDecimal(bytes.count, to: &input)
            input.append(UInt8(ascii: ":"))
            input.append(contentsOf: bytes)
        }
    }

    /// Appends a non-negative integer in decimal ASCII, most significant digit first.
    private static func appendDecimal(_ value: Int, to input: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            input.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
