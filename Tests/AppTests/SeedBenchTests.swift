import Domain
import Foundation
import Storage
import TestSupport
import XCTest
@testable import App

/// `motcua seed-bench --write-bench-files`, run as the real executable: the files the bench
/// harness reads work against a real server, and the seeded rows are valid (foreign keys,
/// the workflow's events, and a hash chain that `EventLog.chainHash` recomputes).
final class SeedBenchTests: XCTestCase {
    var directory: URL!
    let dossierCount = 2_345   // more than one day of numbering and more than one chunk

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)  // best effort cleanup
    }

    func seed() throws -> String {
        let database = directory.appendingPathComponent("bench.sqlite").path
        let seeded = try ServerProcess.run(["seed-bench", "--db", database, "--dossiers", String(dossierCount),
                                            "--write-bench-files"])
        XCTAssertEqual(seeded.status, 0, seeded.output)
        return database
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func testBenchFilesHoldEveryCodeAWorkingTokenAndAProcedure() throws {
        let database = try seed()
        let codes = try Self.lines(database + ".codes")
        XCTAssertEqual(codes.count, dossierCount)
        XCTAssertEqual(Set(codes).count, dossierCount, "codes are unique")
        let token = try XCTUnwrap(Self.lines(database + ".token").first)
        let procedure = try XCTUnwrap(Self.lines(database + ".procedure").first)

        let server = try ServerProcess(database: database)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        for code in [codes[0], codes[dossierCount / 2], codes[dossierCount - 1]] {
            try client.send("GET /api/v1/dossiers/\(code) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\r\n")
            let reply = try client.readResponse()
            XCTAssertEqual(reply.status, 200, code)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
            XCTAssertEqual(json["code"] as? String, code)
        }
        try client.send("GET /api/v1/stats/summary HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\r\n")
        let stats = try client.readResponse()
        XCTAssertEqual(stats.status, 200)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stats.body)) as? [String: Any])
        XCTAssertGreaterThanOrEqual((summary["received"] as? [String: Any])?["total"] as? Int ?? 0, dossierCount)
        XCTAssertNotNil(try DurabilityTests.post(port: server.port, token: token, procedure: procedure, index: 1),
                        "the procedure file names a procedure the bench officer can receive")
    }

    func testSeededRowsKeepForeignKeysWorkflowEventsAndTheHashChain() throws {
        let database = try Database(path: try seed(), readerCount: 1)
        defer { database.close() }
        // The bulk load does not evaluate CHECK constraints; quick_check does (with NOT NULL).
        XCTAssertEqual(try database.quickCheck(), ["ok"])
        try database.read { connection in
            XCTAssertEqual(try connection.query("PRAGMA foreign_key_check").count, 0)
            XCTAssertEqual(try connection.queryOne("SELECT COUNT(*) AS n FROM dossiers")?.int("n"), dossierCount)
            let lastSequences = try connection.queryOne("SELECT SUM(last_value) AS n FROM dossier_sequences")
            XCTAssertEqual(try lastSequences?.int("n"), dossierCount, "every day's numbering is recorded")
            // Each status has exactly the events of its path through the workflow.
            let paths = try connection.query("""
                SELECT d.status, group_concat(e.action, '>') AS path, COUNT(DISTINCT d.id) AS n
                FROM dossiers d JOIN (SELECT dossier_id, action FROM dossier_events ORDER BY seq) e ON e.dossier_id = d.id
                GROUP BY d.id
                """).map { "\(try $0.string("status")):\(try $0.string("path"))" }
            let expected: Set<String> = ["received:receive", "in_progress:receive>assign",
                                         "result_ready:receive>assign>complete",
                                         "returned:receive>assign>complete>deliver", "withdrawn:receive>withdraw"]
            XCTAssertEqual(paths.count, dossierCount)
            XCTAssertEqual(Set(paths).subtracting(expected), [])
            XCTAssertTrue(Set(paths).contains("returned:receive>assign>complete>deliver"))

            var previous = EventLog.genesisHash
            var expectedSeq = 1
            for row in try connection.query("""
                SELECT e.*, d.code FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id ORDER BY e.seq
                """) {
                XCTAssertEqual(try row.int("seq"), expectedSeq)
                XCTAssertEqual(try row.string("previous_hash"), previous)
                let hash = EventLog.chainHash(seq: try row.int("seq"), previousHash: previous, dossierCode: try row.string("code"),
                                              at: try row.string("at"), action: try row.string("action"),
                                              actorID: try row.optionalInt("actor_id"),
                                              fromStatus: try row.optionalString("from_status"),
                                              toStatus: try row.string("to_status"), agencyID: try row.int("agency_id"),
                                              note: try row.optionalString("note"))
                XCTAssertEqual(try row.string("hash"), hash)
                previous = hash
                expectedSeq += 1
            }
            XCTAssertGreaterThan(expectedSeq, dossierCount * 3)

            // The running counts (added at the end of the load, not by the insert trigger)
            // equal a count of the rows themselves, and the trigger is back for later writes.
            let difference = try connection.query("""
                SELECT agency_id, desk_agency_id, current_agency_id, channel, status, received_at IS NOT NULL,
                       counted_timing, document_count > 0, COUNT(*) FROM dossiers GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
                EXCEPT SELECT * FROM dossier_counters
                """)
            XCTAssertEqual(difference.count, 0)
            XCTAssertEqual(try connection.queryOne("SELECT SUM(count) AS n FROM dossier_counters")?.int("n"), dossierCount)
            XCTAssertGreaterThan(try connection.queryOne("SELECT COUNT(DISTINCT counted_timing) AS n FROM dossiers")?.int("n") ?? 0, 2)
            XCTAssertNotNil(try connection.queryOne("SELECT 1 AS found FROM sqlite_master WHERE name = 'dossier_counters_insert'"))
            XCTAssertEqual(try connection.queryOne("PRAGMA journal_mode")?.string("journal_mode"), "wal")
        }
        // Every seeded dossier carries its events packed (migration 0010), equal to its rows.
        XCTAssertEqual(try AuditChain.verifyHistories(database), .init(checked: dossierCount, firstMismatch: nil))
    }

    func testSeedingRefusesADatabaseAServerHasOpen() throws {
        let database = directory.appendingPathComponent("served.sqlite").path
        let server = try ServerProcess(database: database)
        defer { server.stop() }
        let seeded = try ServerProcess.run(["seed-bench", "--db", database, "--dossiers", "10"])
        XCTAssertEqual(seeded.status, 1)
        XCTAssertTrue(seeded.output.contains("đang được dùng"), seeded.output)
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200, "the server keeps serving")
    }

    func testSeedingRefusesADatabaseThatAlreadyHoldsDossiers() throws {
        let database = try seed()
        let again = try ServerProcess.run(["seed-bench", "--db", database, "--dossiers", "10"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.output.contains("seed-bench"), again.output)
        let latest = try Database(path: database, readerCount: 1)
        defer { latest.close() }
        let newest = try latest.read { try $0.queryOne("SELECT MAX(received_at) AS newest FROM dossiers")?.string("newest") }
        XCTAssertLessThan(try XCTUnwrap(newest), VietnamTime.format(Date()), "every seeded dossier is received before now")
    }
}
