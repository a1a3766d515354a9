import Domain
import Foundation
import Storage
import TestSupport
import XCTest
@testable import App

/// Migration 0013 moves the procedure each dossier was received under (code, name, time limit)
/// out of the dossier row into `procedure_snapshots`, one row per distinct version: on a file
/// that already holds dossiers, every dossier must read exactly as before.
final class ProcedureSnapshotMigrationTests: MigrationTestCase {
    /// What a dossier row held before the migration.
    struct Received: Equatable {
        var code: String
        var procedureID: Int
        var procedureCode: String
        var procedureName: String
        var limit: TimeLimit
    }

    func testDossiersStoredBeforeTheMigrationReadAsBefore() throws {
        let root = AppTestCase.repositoryRoot
        let (database, agencyID, user) = try openBefore("0013")
        defer { database.close() }
        let procedureIDs = try database.read { connection in
            try connection.query("SELECT id FROM procedures ORDER BY id LIMIT 2").map { try $0.int("id") }
        }
        XCTAssertEqual(procedureIDs.count, 2)
        // Two dossiers under one version, one under the same procedure renamed and given a longer
        // limit later, one under another procedure (hours).
        let received = [
            Received(code: "QNG-A", procedureID: procedureIDs[0], procedureCode: "1.0001", procedureName: "Cấp giấy phép xây dựng",
                     limit: TimeLimit(value: 15, unit: .workingDays)),
            Received(code: "QNG-B", procedureID: procedureIDs[0], procedureCode: "1.0001", procedureName: "Cấp giấy phép xây dựng",
                     limit: TimeLimit(value: 15, unit: .workingDays)),
            Received(code: "QNG-C", procedureID: procedureIDs[0], procedureCode: "1.0001",
                     procedureName: "Cấp giấy phép xây dựng (sửa đổi)", limit: TimeLimit(value: 20, unit: .workingDays)),
            Received(code: "QNG-D", procedureID: procedureIDs[1], procedureCode: "2.0002", procedureName: "Chứng thực bản sao",
                     limit: TimeLimit(value: 4, unit: .workingHours)),
        ]
        try database.writeInOwnTransaction { connection in
            for dossier in received {
                try connection.run("""
                    INSERT INTO dossiers (code, procedure_id, procedure_code, procedure_name, time_limit_value, time_limit_unit,
                        agency_id, desk_agency_id, current_agency_id, channel, status, applicant_name, applicant_id_number,
                        applicant_phone, submitted_at, created_by, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'counter', 'received', 'Trần Thị Bình', '051000000002', '0905000002',
                        '2026-11-25T08:00:00+07:00', ?, '2026-11-25T08:00:00+07:00')
                    """, [.text(dossier.code), SQLiteValue(dossier.procedureID), .text(dossier.procedureCode),
                          .text(dossier.procedureName), SQLiteValue(dossier.limit.value), .text(dossier.limit.unit.rawValue),
                          SQLiteValue(agencyID), SQLiteValue(agencyID), SQLiteValue(agencyID), SQLiteValue(user.id)])
            }
        }

        let applied = try Migrator(directory: root + "/Migrations").migrate(database)
        XCTAssertEqual(applied.first, "0013_procedure_snapshots.sql")
        XCTAssertEqual(try database.quickCheck(), ["ok"])
        try database.read { connection in
            XCTAssertTrue(try connection.query("PRAGMA foreign_key_check").isEmpty)
            XCTAssertEqual(try connection.queryOne("SELECT COUNT(*) AS n FROM procedure_snapshots")?.int("n"), 3)
            let columns = try connection.query("PRAGMA table_info(dossiers)").map { try $0.string("name") }
            XCTAssertTrue(columns.contains("procedure_snapshot_id"))
            for gone in ["procedure_code", "procedure_name", "time_limit_value", "time_limit_unit"] {
                XCTAssertFalse(columns.contains(gone), gone)
            }
            for dossier in received {
                let read = try XCTUnwrap(try DossierStore.load(code: dossier.code, on: connection), dossier.code)
                XCTAssertEqual(Received(code: read.code, procedureID: read.procedureID, procedureCode: read.procedureCode,
                                        procedureName: read.procedureName, limit: try XCTUnwrap(read.timeLimit)), dossier)
            }
        }

        // Every later row needs a snapshot, and a snapshot never changes.
        XCTAssertThrowsError(try database.writeInOwnTransaction { connection in
            try connection.run("UPDATE dossiers SET procedure_snapshot_id = NULL WHERE code = 'QNG-A'")
        }) { error in
            XCTAssertEqual((error as? SQLiteError)?.extendedCode, 1299, "SQLITE_CONSTRAINT_NOTNULL: \(error)")
        }
        XCTAssertThrowsError(try database.writeInOwnTransaction { connection in
            try connection.run("UPDATE procedure_snapshots SET name = 'khác'")
        })
        XCTAssertThrowsError(try database.writeInOwnTransaction { connection in
            try connection.run("DELETE FROM procedure_snapshots")
        })
        // A new connection reads the NOT NULL the migration wrote into the schema text.
        let reopened = try Database(path: path)
        defer { reopened.close() }
        XCTAssertThrowsError(try reopened.writeInOwnTransaction { connection in
            try connection.run("UPDATE dossiers SET procedure_snapshot_id = NULL WHERE code = 'QNG-B'")
        })
    }

    /// `motcua migrate` on a file that holds dossiers says what it is applying before the
    /// rewrite starts, on stderr, then that it applied it.
    func testMigratingAnExistingFileIsAnnounced() throws {
        let (database, _, _) = try openBefore("0013")
        database.close()
        let result = try ServerProcess.run(["migrate", "--db", path])
        XCTAssertEqual(result.status, 0, result.output)
        let announced = try XCTUnwrap(result.output.range(of: "Đang áp dụng migration 0013_procedure_snapshots.sql"), result.output)
        let applied = try XCTUnwrap(result.output.range(of: "0013_procedure_snapshots.sql", range: announced.upperBound..<result.output.endIndex),
                                    result.output)
        XCTAssertLessThan(announced.lowerBound, applied.lowerBound)
    }

    /// 0013 needs `DROP COLUMN` (SQLite 3.35): an older library is refused by name before any
    /// migration runs; this machine's passes.
    func testAnOlderSQLiteIsRefusedBeforeMigrating() throws {
        XCTAssertNoThrow(try DatabaseSetup.checkSQLiteVersion())
        XCTAssertGreaterThanOrEqual(SQLiteLibrary.versionNumber, 3_035_000, SQLiteLibrary.version)
        XCTAssertNoThrow(try DatabaseSetup.checkSQLiteVersion(number: 3_035_000, text: "3.35.0"))
        XCTAssertThrowsError(try DatabaseSetup.checkSQLiteVersion(number: 3_034_001, text: "3.34.1")) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("3.35.0") && text.contains("3.34.1"), text)
        }
    }
}
