import Domain
import Foundation
import Storage

/// Document rows: attaching uploads to a dossier (limits checked in the same transaction) and
/// finding one document for download. The bytes live in `DocumentFileStore`.
struct DocumentStore: Sendable {
    let database: Database

    /// A stored document and the code of its dossier.
    struct Located {
        var document: Dossier.Document
        var dossierCode: String
    }

    /// Attaches `uploads` to the dossier `code` in one write: every file or none, with the
    /// dossier's `document_count`. A dossier that is terminal by then → 409; over the
    /// per-dossier total → 413.
    func attach(_ uploads: [DocumentUpload], toDossier code: String, by user: User?, now: Date) throws -> [Dossier.Document] {
        try database.write { connection in
            guard let row = try connection.queryOne("SELECT id, status FROM dossiers WHERE code = ?", [SQLiteValue(code)]) else {
                throw APIError.notFound("Không tìm thấy hồ sơ.")
            }
            if let status = DossierStatus(rawValue: try row.string("status")), status.isTerminal {
                throw APIError.conflict("Hồ sơ đã kết thúc xử lý, không thể bổ sung tài liệu.")
            }
            return try Self.insert(uploads, dossierID: try row.int("id"), by: user, at: VietnamTime.format(now), on: connection)
        }
    }

    /// Inserts the rows inside the caller's write (intake uses it for its own new dossier).
    static func insert(_ uploads: [DocumentUpload], dossierID: Int, by user: User?, at: String,
                       on connection: Connection) throws -> [Dossier.Document] {
        guard !uploads.isEmpty else { return [] }
        let stored = try connection.queryOne(
            "SELECT COALESCE(SUM(size), 0) AS total FROM documents WHERE dossier_id = ? AND is_result = 0",
            [SQLiteValue(dossierID)])?.int("total") ?? 0
        let added = uploads.reduce(0) { $0 + $1.size }
        guard stored + added <= DocumentLimits.maxDossierBytes else {
            throw APIError.payloadTooLarge("Tổng dung lượng tài liệu của một hồ sơ không được vượt quá 50 MB.")
        }
        var documents: [Dossier.Document] = []
        for upload in uploads {
            try connection.run("""
                INSERT INTO documents (dossier_id, name, content_type, size, sha256, is_result, uploaded_by, uploaded_at)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?)
                """, [SQLiteValue(dossierID), SQLiteValue(upload.name), SQLiteValue(upload.contentType),
                      SQLiteValue(upload.size), SQLiteValue(upload.sha256), SQLiteValue(user?.id), SQLiteValue(at)])
            documents.append(Dossier.Document(id: Int(connection.lastInsertRowID), name: upload.name,
                                              contentType: upload.contentType, size: upload.size,
                                              sha256: upload.sha256, isResult: false))
        }
        try connection.run("UPDATE dossiers SET document_count = document_count + ?, updated_at = ? WHERE id = ?",
                           [SQLiteValue(uploads.count), SQLiteValue(at), SQLiteValue(dossierID)])
        return documents
    }

    /// The document `id` with its dossier's code, or nil.
    func find(id: Int) throws -> Located? {
        try database.read { connection in
            guard let row = try connection.queryOne("""
                SELECT doc.id, doc.name, doc.content_type, doc.size, doc.sha256, doc.is_result, d.code
                FROM documents doc JOIN dossiers d ON d.id = doc.dossier_id WHERE doc.id = ?
                """, [SQLiteValue(id)]) else { return nil }
            return Located(
                document: Dossier.Document(id: try row.int("id"), name: try row.string("name"),
                                           contentType: try row.string("content_type"), size: try row.int("size"),
                                           sha256: try row.string("sha256"), isResult: try row.int("is_result") != 0),
                dossierCode: try row.string("code"))
        }
    }
}
