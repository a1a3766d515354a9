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
    /// With `key` (migration 0009), an upload whose key already names documents of `user` adds
    /// nothing and returns those documents.
    func attach(_ uploads: [DocumentUpload], toDossier code: String, by user: User?, now: Date,
                key: KeyedRequest? = nil) throws -> [Dossier.Document] {
        try database.write { connection in
            guard let row = try connection.queryOne("SELECT id, status FROM dossiers WHERE code = ?", [SQLiteValue(code)]) else {
                throw APIError.notFound("Không tìm thấy hồ sơ.")
            }
            if let key, let user, let earlier = try Self.documents(uploadedWith: key, by: user, now: now, on: connection) {
                return earlier
            }
            if let status = DossierStatus(rawValue: try row.string("status")), status.isTerminal {
                throw APIError.conflict("Hồ sơ đã kết thúc xử lý, không thể bổ sung tài liệu.")
            }
            let nowText = VietnamTime.format(now)
            let dossierID = try row.int("id")
            let documents = try Self.insert(uploads, dossierID: dossierID, by: user, at: nowText, on: connection)
            if let key, let user {
                // Replaces an expired use of the same key (`documents(uploadedWith:)` passed it over).
                try connection.run("""
                    INSERT INTO upload_keys (user_id, key, fingerprint, dossier_id, document_ids, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = excluded.fingerprint,
                        dossier_id = excluded.dossier_id, document_ids = excluded.document_ids, created_at = excluded.created_at
                    """, [SQLiteValue(user.id), SQLiteValue(key.key), SQLiteValue(key.fingerprint), SQLiteValue(dossierID),
                          SQLiteValue(documents.map { String($0.id) }.joined(separator: ",")), SQLiteValue(nowText)])
            }
            return documents
        }
    }

    /// Whether `user` used `key` for an upload less than `IdempotencyKey.lifetime` ago.
    func wasUsedRecently(_ key: String, by user: User, now: Date) throws -> Bool {
        try database.read {
            try IdempotencyKey.recentUse(of: key, by: user.id, in: "upload_keys", columns: "key", now: now, on: $0) != nil
        }
    }

    /// `documents(uploadedWith:by:now:on:)` on a reader.
    func documents(uploadedWith key: KeyedRequest, by user: User, now: Date) throws -> [Dossier.Document]? {
        try database.read { try Self.documents(uploadedWith: key, by: user, now: now, on: $0) }
    }

    /// The documents that `user` added with `key` less than `IdempotencyKey.lifetime` ago, in
    /// their order; nil when the key is new or expired; 422 when it was used for other files or
    /// another dossier.
    static func documents(uploadedWith key: KeyedRequest, by user: User, now: Date,
                          on connection: Connection) throws -> [Dossier.Document]? {
        guard let row = try key.earlierUse(
            by: user.id, in: "upload_keys", columns: "document_ids", now: now,
            refusal: "Mã Idempotency-Key này đã được dùng cho một lần tải tài liệu khác trong 24 giờ qua; vui lòng dùng mã mới.",
            on: connection) else {
            return nil
        }
        let ids = try row.string("document_ids").split(separator: ",").compactMap { Int($0) }
        let byID = Dictionary(uniqueKeysWithValues: try connection.query("""
            SELECT id, name, content_type, size, sha256, is_result FROM documents
            WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))
            """, ids.map { SQLiteValue($0) }).map { row in (try row.int("id"), try document(from: row)) })
        return ids.compactMap { byID[$0] }
    }

    /// A document from a row with `id, name, content_type, size, sha256, is_result`.
    static func document(from row: Row) throws -> Dossier.Document {
        Dossier.Document(id: try row.int("id"), name: try row.string("name"), contentType: try row.string("content_type"),
                         size: try row.int("size"), sha256: try row.string("sha256"), isResult: try row.int("is_result") != 0)
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
        try storeList(dossierID: dossierID, on: connection)
        return documents
    }

    /// The dossier's documents as `documents` holds them, in id order.
    static func documents(dossierID: Int, on connection: Connection) throws -> [Dossier.Document] {
        try connection.query("""
            SELECT id, name, content_type, size, sha256, is_result FROM documents WHERE dossier_id = ? ORDER BY id
            """, [SQLiteValue(dossierID)]).map(document(from:))
    }

    /// Packs the dossier's documents, as `documents` holds them now, into its row
    /// (`DocumentList`), inside the write that changed them; NULL when they cannot be packed.
    static func storeList(dossierID: Int, on connection: Connection) throws {
        let list = DocumentList.encode(try documents(dossierID: dossierID, on: connection))
        try connection.run("UPDATE dossiers SET document_list = ? WHERE id = ?",
                           [list.map(SQLiteValue.blob) ?? .null, SQLiteValue(dossierID)])
    }

    /// Whether a document row names the stored file `sha256` (a full scan: only a failed
    /// upload asks, `DocumentFileStore.release`).
    func isStored(sha256: String) throws -> Bool {
        try database.read { try $0.queryOne("SELECT 1 AS found FROM documents WHERE sha256 = ? LIMIT 1", [SQLiteValue(sha256)]) != nil }
    }

    /// The document `id` with its dossier's code, or nil.
    func find(id: Int) throws -> Located? {
        try database.read { connection in
            guard let row = try connection.queryOne("""
                SELECT doc.id, doc.name, doc.content_type, doc.size, doc.sha256, doc.is_result, d.code
                FROM documents doc JOIN dossiers d ON d.id = doc.dossier_id WHERE doc.id = ?
                """, [SQLiteValue(id)]) else { return nil }
            return Located(document: try Self.document(from: row), dossierCode: try row.string("code"))
        }
    }
}
