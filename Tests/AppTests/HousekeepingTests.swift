import Foundation
import Storage
import XCTest
@testable import App
@testable import Domain

/// `Housekeeping`: expired sessions and idempotency keys past their lifetime are deleted; live
/// ones are left, and still work.
final class HousekeepingTests: AppTestCase {
    private var database: Database { application.context.database }

    func testAPassRemovesExpiredSessionsAndOldKeysAndNothingLive() throws {
        let live = try token("centre")
        let expired = try token("monitor")
        let key = ["Idempotency-Key": "k-live"]
        let intake = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: live, headers: key)
        XCTAssertEqual(intake.status, 201, intake.text)
        let code = try XCTUnwrap(intake.json["code"] as? String)
        _ = try call("POST", "/api/v1/dossiers", json: counterIntake(idNumber: "051190002222"), token: live,
                     headers: ["Idempotency-Key": "k-old"])
        let dossierID = try XCTUnwrap(try database.read { try $0.queryOne("SELECT id FROM dossiers WHERE code = ?", [SQLiteValue(code)])?.int("id") })
        let old = VietnamTime.format(Date().addingTimeInterval(-IdempotencyKey.lifetime - 120))
        let recent = VietnamTime.format(Date().addingTimeInterval(-IdempotencyKey.lifetime + 600))
        try database.write { connection in
            try connection.run("UPDATE sessions SET expires_at = ? WHERE user_id = ?",
                               [SQLiteValue(VietnamTime.format(Date().addingTimeInterval(-1))), SQLiteValue(self.users["monitor"]!.id)])
            try connection.run("UPDATE intake_keys SET created_at = ? WHERE key = 'k-old'", [SQLiteValue(old)])
            for (name, createdAt) in [("u-old", old), ("u-recent", recent)] {
                try connection.run("""
                    INSERT INTO upload_keys (user_id, key, fingerprint, dossier_id, document_ids, created_at)
                    VALUES (?, ?, x'00', ?, '', ?)
                    """, [SQLiteValue(self.users["centre"]!.id), SQLiteValue(name), SQLiteValue(dossierID), SQLiteValue(createdAt)])
            }
        }

        let report = try Housekeeping(database: database).run(now: Date())
        XCTAssertEqual(report, Housekeeping.Report(sessions: 1, intakeKeys: 1, uploadKeys: 1))
        XCTAssertEqual(try column("SELECT key FROM intake_keys"), ["k-live"])
        XCTAssertEqual(try column("SELECT key FROM upload_keys"), ["u-recent"])
        XCTAssertEqual(try count("sessions"), 1)
        // The live session and the live key still work; the expired session is refused.
        let retry = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: live, headers: key)
        XCTAssertEqual(retry.json["code"] as? String, code, retry.text)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", token: live).status, 200)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", token: expired).status, 401)
        // Nothing is left for a second pass.
        XCTAssertEqual(try Housekeeping(database: database).run(now: Date()), Housekeeping.Report())
    }

    /// Dossiers written before migration 0010 have no packed history (NULL): a pass packs them,
    /// batch by batch, equal to their events; new dossiers are never unpacked, even for a moment
    /// inside their write (the intake stores an empty packed list, then its event).
    func testAPassPacksTheHistoriesOfDossiersWrittenBeforeTheyWerePacked() throws {
        let token = try token("centre")
        let count = 2 * Housekeeping.historyBatchSize + 3
        let body = Array(try JSONSerialization.data(withJSONObject: counterIntake()))
        let port = self.port
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            for _ in stride(from: part, to: count, by: 4) {
                _ = try? Self.request(port: port, "POST", "/api/v1/dossiers", body: body, token: token)
            }
        }
        XCTAssertEqual(try self.count("dossiers"), count)
        XCTAssertEqual(try number("SELECT COUNT(*) AS n FROM dossiers WHERE history IS NULL"), 0, "written packed")
        try database.write { try $0.run("UPDATE dossiers SET history = NULL WHERE id % 7 <> 0") }
        let unpacked = try number("SELECT COUNT(*) AS n FROM dossiers WHERE history IS NULL")
        XCTAssertGreaterThan(unpacked, Housekeeping.historyBatchSize, "more than one batch")

        XCTAssertEqual(try Housekeeping(database: database).run(now: Date()).packedHistories, unpacked)
        XCTAssertEqual(try number("SELECT COUNT(*) AS n FROM dossiers INDEXED BY dossiers_unpacked WHERE history IS NULL"), 0)
        XCTAssertEqual(try AuditChain.verifyHistories(database), .init(checked: count, firstMismatch: nil))
        XCTAssertEqual(try Housekeeping(database: database).run(now: Date()).packedHistories, 0)
    }

    func testABacklogIsDeletedInBatchesAndAStopIsHonouredBetweenThem() throws {
        let rows = 2 * Housekeeping.batchSize + 345
        try insertOldIntakeKeys(rows)
        // Asked to stop as soon as some intake keys are gone: the pass ends after that batch.
        let stopped = try Housekeeping(database: database).run(now: Date(), shouldStop: {
            (try? self.count("intake_keys")) != rows
        })
        XCTAssertEqual(stopped.intakeKeys, Housekeeping.batchSize, "one batch, then the stop")
        XCTAssertEqual(try count("intake_keys"), rows - Housekeeping.batchSize)
        let rest = try Housekeeping(database: database).run(now: Date())
        XCTAssertEqual(rest.intakeKeys, rows - Housekeeping.batchSize)
        XCTAssertEqual(try count("intake_keys"), 0)
    }

    /// `rows` intake keys a day old, naming one real dossier.
    private func insertOldIntakeKeys(_ rows: Int) throws {
        let intake = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: try token("centre"))
        let code = try XCTUnwrap(intake.json["code"] as? String, intake.text)
        let userID = users["centre"]!.id
        let old = VietnamTime.format(Date().addingTimeInterval(-IdempotencyKey.lifetime - 3600))
        try database.write { connection in
            let dossierID = try connection.queryOne("SELECT id FROM dossiers WHERE code = ?", [SQLiteValue(code)])?.int("id")
            for index in 0..<rows {
                try connection.run("""
                    INSERT INTO intake_keys (user_id, key, fingerprint, dossier_id, created_at) VALUES (?, ?, x'00', ?, ?)
                    """, [SQLiteValue(userID), SQLiteValue("k-\(index)"), SQLiteValue(dossierID), SQLiteValue(old)])
            }
        }
    }

    private func column(_ sql: String) throws -> [String] {
        try database.read { try $0.query(sql).map { try $0.string("key") } }
    }

    private func number(_ sql: String) throws -> Int {
        try XCTUnwrap(try database.read { try $0.queryOne(sql)?.int("n") })
    }
}

/// The running server does the housekeeping by itself, on its schedule.
final class HousekeepingScheduleTests: AppTestCase {
    override func configure(_ configuration: inout AppConfiguration) {
        configuration.housekeepingInitialDelay = 0.1
        configuration.housekeepingInterval = 0.2
    }

    func testTheServerRemovesAnExpiredSessionOnItsOwn() throws {
        let token = try token("monitor")
        let database = application.context.database
        try database.write { connection in
            try connection.run("UPDATE sessions SET expires_at = ?", [SQLiteValue(VietnamTime.format(Date().addingTimeInterval(-1)))])
        }
        let deadline = Date().addingTimeInterval(10)
        var left = -1
        repeat {
            Thread.sleep(forTimeInterval: 0.05)
            left = try database.read { try $0.queryOne("SELECT count(*) AS n FROM sessions")?.int("n") ?? -1 }
        } while left != 0 && Date() < deadline
        XCTAssertEqual(left, 0, "the schedule removed the expired session")
        XCTAssertEqual(try call("GET", "/api/v1/stats/summary", token: token).status, 401)
    }
}
