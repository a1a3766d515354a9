import Domain
import Foundation
import Storage

/// The applicant's rating of a returned dossier (TT 01/2018 Đ14), at most one per dossier.
struct RatingStore: Sendable {
    let database: Database

    /// Records `criteria` for the dossier `dossierID`: 409 `invalid_transition` unless it is
    /// `returned` at the moment of writing, 409 `conflict` when already rated.
    func rate(dossierID: Int, criteria: RatingCriteria, comment: String?, now: Date) throws {
        try database.write { connection in
            guard let row = try connection.queryOne("SELECT status FROM dossiers WHERE id = ?", [SQLiteValue(dossierID)]) else {
                throw APIError.notFound("Không tìm thấy hồ sơ.")
            }
            guard try row.string("status") == DossierStatus.returned.rawValue else {
                throw APIError.invalidTransition("Chỉ đánh giá được hồ sơ đã trả kết quả.", allowed: [])
            }
            guard try connection.queryOne("SELECT 1 FROM ratings WHERE dossier_id = ?", [SQLiteValue(dossierID)]) == nil else {
                throw APIError.conflict("Hồ sơ này đã được đánh giá.")
            }
            try connection.run("""
                INSERT INTO ratings (dossier_id, contacts, organisations, attitude, satisfied, comment, rated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [SQLiteValue(dossierID), SQLiteValue(criteria.contacts), SQLiteValue(criteria.organisations),
                      SQLiteValue(criteria.attitude), SQLiteValue(criteria.satisfied ? 1 : 0), SQLiteValue(comment),
                      SQLiteValue(VietnamTime.format(now))])
        }
    }
}
