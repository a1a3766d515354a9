import Foundation
import Storage
import TestSupport
import XCTest
@testable import App

/// `motcua seed-bench --action-targets M` (for bench/actions.sh): M dossiers in progress with
/// 20 chained events each, and a specialist that the bench officer may assign them to, over
/// and over, through the real API.
final class SeedBenchActionTargetsTests: XCTestCase {
    func testTargetsHaveTwentyChainedEventsAndTakeAssignAgainAndAgain() throws {
        let directory = try TemporaryDirectory(prefix: "motcua-targets")
        defer { directory.remove() }
        let database = directory.file("bench.sqlite")
        let seeded = try ServerProcess.run(["seed-bench", "--db", database, "--dossiers", "300", "--write-bench-files",
                                            "--action-targets", "40"])
        XCTAssertEqual(seeded.status, 0, seeded.output)
        let targets = try SeedBenchTests.lines(database + ".actions").map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(targets.count, 40)
        XCTAssertEqual(Set(targets.map { $0[0] }).count, 40, "one line per dossier")
        XCTAssertGreaterThan(Set(targets.map { $0[1] }).count, 1, "specialists of several departments")

        do {
            let (opened, _) = try DatabaseSetup.open(database)
            defer { opened.close() }
            let report = try AuditChain.verify(opened)
            XCTAssertNil(report.firstBroken, "the padded events keep the hash chain")
            try opened.read { connection in
                for target in targets {
                    let row = try XCTUnwrap(connection.queryOne("""
                        SELECT d.status, d.assignee_id, d.version,
                               (SELECT COUNT(*) FROM dossier_events e WHERE e.dossier_id = d.id) AS events
                        FROM dossiers d WHERE d.code = ?
                        """, [SQLiteValue(target[0])]))
                    XCTAssertEqual(try row.string("status"), "in_progress")
                    XCTAssertEqual(try row.int("events"), BenchSeeder.targetEventCount)
                    XCTAssertEqual(String(try row.int("assignee_id")), target[1])
                    XCTAssertEqual(try row.int("version"), BenchSeeder.targetEventCount)
                }
                XCTAssertEqual(try connection.query("PRAGMA foreign_key_check").count, 0)
            }
        }

        let token = try XCTUnwrap(SeedBenchTests.lines(database + ".token").first)
        let server = try ServerProcess(database: database)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        for (target, expectedEvents) in [(targets[0], 21), (targets[0], 22), (targets[39], 21)] {
            let body = #"{"action":"assign","user_id":\#(target[1])}"#
            try client.send("POST /api/v1/dossiers/\(target[0])/actions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n"
                            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            let reply = try client.readResponse()
            XCTAssertEqual(reply.status, 200, String(decoding: reply.body, as: UTF8.self))
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
            XCTAssertEqual((json["events"] as? [Any])?.count, expectedEvents)
            XCTAssertEqual(json["status"] as? String, "in_progress")
        }
    }
}
