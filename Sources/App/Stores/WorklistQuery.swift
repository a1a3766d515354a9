import Domain
import Foundation
import Hashing
import Storage

/// The SQL of a worklist page (`GET /api/v1/dossiers`): the caller's scope, the filters, and
/// keyset paging in due order (soonest first, dossiers without a due date last, then by id).
struct WorklistQuery {
    enum TimingFilter: String {
        case within, overdue, early
        case onTime = "on_time"
        case late
    }

    /// Where a page starts: after the item with this sort key.
    struct Cursor: Equatable {
        var dueKey: String
        var id: Int

        /// Opaque to clients: hex of `<due key>|<id>`.
        var token: String { Hex.encode(Array("\(dueKey)|\(id)".utf8)) }

        init(dueKey: String, id: Int) {
            self.dueKey = dueKey
            self.id = id
        }

        init?(token: String) {
            guard token.utf8.count <= 256, let bytes = Hex.decode(token), !bytes.isEmpty else { return nil }
            let parts = String(decoding: bytes, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 2, let id = Int(parts[1]) else { return nil }
            self.init(dueKey: String(parts[0]), id: id)
        }
    }

    /// Sorts after every ISO time, so dossiers not yet received come last.
    static let noDueKey = "~"
    static let dueKey = "COALESCE(d.due_at, '~')"

    var statuses: [DossierStatus]
    var agencyID: Int?
    var timing: TimingFilter?
    var dueBefore: String?
    var text: String?
    var cursor: Cursor?
    var limit: Int

    /// The statement and its bindings for `user`, reading `limit + 1` rows (the extra one says
    /// whether another page follows). Nil when the role has no worklist.
    func sql(for user: User, now: String) -> (String, [SQLiteValue])? {
        var conditions: [String] = []
        var bindings: [SQLiteValue] = []
        switch user.role {
        case .citizen:
            conditions.append("d.applicant_user_id = ?")
            bindings.append(SQLiteValue(user.id))
        case .counterOfficer:
            // The desk receives and returns; the agency's own desk also holds its dossiers.
            guard let agency = user.agencyID else { return nil }
            conditions.append("(d.desk_agency_id = ? OR d.current_agency_id = ?)")
            bindings += [SQLiteValue(agency), SQLiteValue(agency)]
        case .specialist, .leader, .agencyAdmin:
            // Processing starts at receipt; what waits for acceptance is the desk's work.
            guard let agency = user.agencyID else { return nil }
            conditions.append("(d.current_agency_id = ? OR d.agency_id = ?) AND d.received_at IS NOT NULL")
            bindings += [SQLiteValue(agency), SQLiteValue(agency)]
        case .provinceMonitor, .admin:
            break
        case .integration:
            return nil
        }
        conditions.append("d.status IN (\(Array(repeating: "?", count: statuses.count).joined(separator: ", ")))")
        bindings += statuses.map { SQLiteValue($0.rawValue) }
        if let agencyID {
            conditions.append("(d.agency_id = ? OR d.current_agency_id = ?)")
            bindings += [SQLiteValue(agencyID), SQLiteValue(agencyID)]
        }
        switch timing {
        case .within?, .overdue?:
            conditions.append("d.finished_at IS NULL AND d.received_at IS NOT NULL AND d.original_due_at \(timing == .within ? ">=" : "<") ?")
            bindings.append(SQLiteValue(now))
        case let finished?:
            conditions.append("d.counted_timing = ?")
            bindings.append(SQLiteValue(finished.rawValue))
        case nil:
            break
        }
        if let dueBefore {
            conditions.append("d.due_at < ?")
            bindings.append(SQLiteValue(dueBefore))
        }
        if let text {
            // A code (or its beginning), a CCCD number, or part of the applicant's name.
            conditions.append("(d.code LIKE ? ESCAPE '\\' OR d.applicant_id_number = ? OR d.applicant_name LIKE ? ESCAPE '\\')")
            let escaped = Self.escapeLike(text)
            bindings += [SQLiteValue(escaped.uppercased() + "%"), SQLiteValue(text), SQLiteValue("%" + escaped + "%")]
        }
        if let cursor {
            conditions.append("(\(Self.dueKey) > ? OR (\(Self.dueKey) = ? AND d.id > ?))")
            bindings += [SQLiteValue(cursor.dueKey), SQLiteValue(cursor.dueKey), SQLiteValue(cursor.id)]
        }
        bindings.append(SQLiteValue(limit + 1))
        let sql = """
            SELECT \(DossierStore.columns) FROM \(DossierStore.tables)
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(Self.dueKey), d.id LIMIT ?
            """
        return (sql, bindings)
    }

    /// `%`, `_` and `\` taken literally in a LIKE pattern with `ESCAPE '\'`.
    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
