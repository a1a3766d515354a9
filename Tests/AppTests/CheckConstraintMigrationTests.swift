import Foundation
import Storage
import TestSupport
import XCTest
@testable import App

/// Migration 0007 rewrites the `IN (…)` CHECK constraints of `dossiers` and `notifications` as
/// comparisons: the rules must hold as before, and no write may build an ephemeral table for them.
final class CheckConstraintMigrationTests: MigrationTestCase {
    private static let dossierInsert = """
        INSERT INTO dossiers (code, procedure_id, procedure_snapshot_id, agency_id, desk_agency_id, current_agency_id,
            channel, status, applicant_name, applicant_id_number, applicant_phone, submitted_at, created_by, updated_at,
            delivered_via)
        VALUES (?, 1, 1, 1, 1, 1, ?, ?, 'Nguyễn Văn An', '051000000001', '0905000001',
            '2026-11-25T08:00:00+07:00', 1, '2026-11-25T08:00:00+07:00', ?)
        """
    private static let noticeInsert = """
        INSERT INTO notifications (dossier_id, event_seq, channel, recipient, body, next_attempt_at, created_at, status)
        VALUES (1, 1, 'sms', '0905000001', 'b', '2026-11-25T08:00:00+07:00', '2026-11-25T08:00:00+07:00', ?)
        """

    /// The opcodes SQLite compiles `sql` to, on the writer.
    private func opcodes(_ sql: String, _ parameters: [SQLiteValue], on database: Database) throws -> [String] {
        try database.writeInOwnTransaction { connection in
            try connection.query("EXPLAIN " + sql, parameters).map { try $0.string("opcode") }
        }
    }
    private static let dossierValues: [SQLiteValue] = [.text("X"), .text("counter"), .text("received"), .null]

    func testWritesBuildNoEphemeralTableOnTheMigratingConnectionOrALaterOne() throws {
        let (database, applied) = try DatabaseSetup.open(path)
        XCTAssertTrue(applied.contains("0007_check_comparisons.sql"), "\(applied)")
        // The connection that ran the migration (PRAGMA writable_schema=RESET reloaded it) …
        XCTAssertFalse(try opcodes(Self.dossierInsert, Self.dossierValues, on: database).contains("OpenEphemeral"))
        XCTAssertFalse(try opcodes("UPDATE dossiers SET status = ? WHERE code = ?", [.text("paused"), .text("X")], on: database)
            .contains("OpenEphemeral"))
        database.close()
        // … and a new one.
        let reopened = try Database(path: path)
        defer { reopened.close() }
        XCTAssertFalse(try opcodes(Self.dossierInsert, Self.dossierValues, on: reopened).contains("OpenEphemeral"))
        XCTAssertFalse(try opcodes(Self.noticeInsert, [.text("pending")], on: reopened).contains("OpenEphemeral"))
        let definitions = try reopened.read { connection in
            try connection.query("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name IN ('dossiers', 'notifications')")
                .map { try $0.string("sql") }
        }
        XCTAssertEqual(definitions.count, 2)
        for definition in definitions {
            // Only the two-value list of notifications.channel is left, which SQLite compares directly.
            let lists = definition.components(separatedBy: " IN (").count - 1
            XCTAssertLessThanOrEqual(lists, definition.contains("CREATE TABLE notifications") ? 1 : 0, definition)
        }
    }

    func testTheRulesStillHold() throws {
        let (database, _) = try DatabaseSetup.open(path)
        defer { database.close() }
        struct RollBack: Error {}
        /// The error of running `sql` in a transaction that is then rolled back, or nil. The rows
        /// are checked, then thrown away; their references are not the point here.
        func tryInsert(_ sql: String, _ parameters: [SQLiteValue]) -> Error? {
            do {
                try database.writeInOwnTransaction { connection in
                    try connection.run("PRAGMA defer_foreign_keys = ON")
                    try connection.run(sql, parameters)
                    throw RollBack()
                }
            } catch is RollBack {
                return nil
            } catch {
                return error
            }
            return nil
        }
        func insertDossier(channel: String, status: String, deliveredVia: String?) -> Error? {
            tryInsert(Self.dossierInsert, [.text("QNG-\(UUID().uuidString)"), .text(channel), .text(status),
                                           deliveredVia.map { .text($0) } ?? .null])
        }
        func insertNotice(status: String) -> Error? { tryInsert(Self.noticeInsert, [.text(status)]) }
        func isCheckFailure(_ error: Error?) -> Bool { (error as? SQLiteError)?.extendedCode == 275 }

        for channel in ["online", "counter", "postal"] {
            XCTAssertNil(insertDossier(channel: channel, status: "received", deliveredVia: nil), channel)
        }
        for status in ["submitted", "supplement_requested", "refused", "received", "in_progress", "paused",
                       "result_ready", "returned", "withdrawn"] {
            XCTAssertNil(insertDossier(channel: "counter", status: status, deliveredVia: nil), status)
        }
        for via in ["counter", "postal", "online"] {
            XCTAssertNil(insertDossier(channel: "counter", status: "returned", deliveredVia: via), via)
        }
        XCTAssertTrue(isCheckFailure(insertDossier(channel: "fax", status: "received", deliveredVia: nil)))
        XCTAssertTrue(isCheckFailure(insertDossier(channel: "Counter", status: "received", deliveredVia: nil)))
        XCTAssertTrue(isCheckFailure(insertDossier(channel: "counter", status: "lost", deliveredVia: nil)))
        XCTAssertTrue(isCheckFailure(insertDossier(channel: "counter", status: "returned", deliveredVia: "email")))
        for status in ["pending", "delivered", "failed"] {
            XCTAssertNil(insertNotice(status: status), status)
        }
        XCTAssertTrue(isCheckFailure(insertNotice(status: "sent")))
    }

    /// On a database that already holds dossiers: migrations up to 0006, a dossier, then 0007.
    func testRowsStoredBeforeTheMigrationStillPass() throws {
        let root = AppTestCase.repositoryRoot
        let (database, agencyID, user) = try openBefore("0007")
        defer { database.close() }
        let procedureID = try XCTUnwrap(database.read { try $0.queryOne("SELECT id FROM procedures ORDER BY id LIMIT 1")?.int("id") })
        try database.writeInOwnTransaction { connection in
            try connection.run("""
                INSERT INTO dossiers (code, procedure_id, procedure_code, procedure_name, time_limit_value, time_limit_unit,
                    agency_id, desk_agency_id, current_agency_id, channel, status, applicant_name, applicant_id_number,
                    applicant_phone, submitted_at, created_by, updated_at, delivered_via)
                VALUES ('QNG-0007', ?, 'p', 'n', 1, 'working_days', ?, ?, ?, 'postal', 'returned', 'Trần Thị Bình',
                    '051000000002', '0905000002', '2026-11-25T08:00:00+07:00', ?, '2026-11-25T08:00:00+07:00', 'postal')
                """, [.integer(Int64(procedureID)), .integer(Int64(agencyID)), .integer(Int64(agencyID)),
                      .integer(Int64(agencyID)), .integer(Int64(user.id))])
        }

        let applied = try Migrator(directory: root + "/Migrations").migrate(database)
        let later = try FileManager.default.contentsOfDirectory(atPath: root + "/Migrations")
            .filter { $0.hasSuffix(".sql") && $0 >= "0007" }.sorted()
        XCTAssertEqual(applied, later)
        XCTAssertEqual(applied.first, "0007_check_comparisons.sql")
        XCTAssertEqual(try database.quickCheck(), ["ok"])
        XCTAssertEqual(try database.read { try $0.queryOne("SELECT status FROM dossiers WHERE code = 'QNG-0007'")?.string("status") },
                       "returned")
        XCTAssertFalse(try opcodes(Self.dossierInsert, Self.dossierValues, on: database).contains("OpenEphemeral"))
    }
}
