import Domain
import Foundation
import Storage

/// Feedback rows (migration 0005): intake, the scoped list and the answer.
struct FeedbackStore: Sendable {
    let database: Database

    struct NewFeedback {
        var content: String
        var contactName: String
        var contactPhone: String?
        var contactEmail: String?
        var dossierID: Int?
        /// The code as given, kept even when no dossier has it.
        var dossierCode: String?
        var agencyID: Int?
    }

    struct Item: Sendable {
        var id: Int
        var content: String
        var contactName: String
        var contactPhone: String?
        var contactEmail: String?
        var dossierCode: String?
        var agencyID: Int?
        var status: String
        var answer: String?
        var isPublished: Bool
        var createdAt: String
        var answeredAt: String?
    }

    /// Inserts an open item; returns its id.
    func add(_ feedback: NewFeedback, now: Date) throws -> Int {
        try database.write { connection in
            try connection.run("""
                INSERT INTO feedback (content, contact_name, contact_phone, contact_email, dossier_id, dossier_code, agency_id,
                    created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [SQLiteValue(feedback.content), SQLiteValue(feedback.contactName), SQLiteValue(feedback.contactPhone),
                      SQLiteValue(feedback.contactEmail), SQLiteValue(feedback.dossierID), SQLiteValue(feedback.dossierCode),
                      SQLiteValue(feedback.agencyID), SQLiteValue(VietnamTime.format(now))])
            return Int(connection.lastInsertRowID)
        }
    }

    static let columns = """
        f.id, f.content, f.contact_name, f.contact_phone, f.contact_email, f.dossier_code, f.agency_id,
        f.status, f.answer, f.is_published, f.created_at, f.answered_at
        """

    /// Newest first, ids below `beforeID`; `agencyID` nil means every agency (province-wide roles).
    func list(agencyID: Int?, status: String?, beforeID: Int?, limit: Int) throws -> [Item] {
        try database.read { connection in
            try connection.query("""
                SELECT \(Self.columns) FROM feedback f LEFT JOIN dossiers d ON d.id = f.dossier_id
                WHERE (?1 IS NULL OR f.agency_id = ?1) AND (?2 IS NULL OR f.status = ?2) AND (?3 IS NULL OR f.id < ?3)
                ORDER BY f.id DESC LIMIT ?4
                """, [SQLiteValue(agencyID), SQLiteValue(status), SQLiteValue(beforeID), SQLiteValue(limit)]).map(Self.item)
        }
    }

    func find(id: Int) throws -> Item? {
        try database.read { connection in
            try connection.queryOne("""
                SELECT \(Self.columns) FROM feedback f LEFT JOIN dossiers d ON d.id = f.dossier_id WHERE f.id = ?
                """, [SQLiteValue(id)]).map(Self.item)
        }
    }

    /// Records the answer of an open item; 409 when it was answered meanwhile.
    func answer(id: Int, text: String, publish: Bool, by user: User, now: Date) throws -> Item {
        try database.write { connection in
            try connection.run("""
                UPDATE feedback SET status = 'answered', answer = ?, is_published = ?, answered_by = ?, answered_at = ?
                WHERE id = ? AND status = 'open'
                """, [SQLiteValue(text), SQLiteValue(publish ? 1 : 0), SQLiteValue(user.id),
                      SQLiteValue(VietnamTime.format(now)), SQLiteValue(id)])
            guard connection.changes == 1 else { throw APIError.conflict("Phản ánh, kiến nghị này đã được trả lời.") }
            guard let row = try connection.queryOne("""
                SELECT \(Self.columns) FROM feedback f LEFT JOIN dossiers d ON d.id = f.dossier_id WHERE f.id = ?
                """, [SQLiteValue(id)]) else { throw APIError.internalError }
            return try Self.item(row)
        }
    }

    static func item(_ row: Row) throws -> Item {
        Item(id: try row.int("id"), content: try row.string("content"), contactName: try row.string("contact_name"),
             contactPhone: try row.optionalString("contact_phone"), contactEmail: try row.optionalString("contact_email"),
             dossierCode: try row.optionalString("dossier_code"), agencyID: try row.optionalInt("agency_id"),
             status: try row.string("status"), answer: try row.optionalString("answer"),
             isPublished: try row.int("is_published") != 0, createdAt: try row.string("created_at"),
             answeredAt: try row.optionalString("answered_at"))
    }
}
