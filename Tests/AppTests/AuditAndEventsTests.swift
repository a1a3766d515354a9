import Foundation
import HTTP
import Storage
import XCTest
@testable import App

/// The events feed (API.md "Events feed") and `motcua audit verify` (issue 3, item 10): every
/// action is an event chained by SHA-256; the feed pages through them in commit order without
/// gaps; the verifier names the first edited, inserted or deleted event.
final class AuditAndEventsTests: AppTestCase {
    var databasePath: String { directory.appendingPathComponent("test.sqlite").path }

    /// Receives `count` dossiers at the centre's counter; returns their codes in order.
    func receive(_ count: Int) throws -> [String] {
        let token = try token("centre")
        return try (0..<count).map { _ in
            let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token)
            XCTAssertEqual(reply.status, 201, reply.text)
            return try XCTUnwrap(reply.json["code"] as? String)
        }
    }

    func events(after: Int?, limit: Int?, as user: String = "portal") throws -> Reply {
        var query: [String] = []
        if let after { query.append("after=\(after)") }
        if let limit { query.append("limit=\(limit)") }
        return try call("GET", "/api/v1/events" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")), token: try token(user))
    }

    func testFeedPagesThroughEventsInCommitOrderAndResumesFromAnySeq() throws {
        let codes = try receive(3)
        let first = try events(after: nil, limit: 2)
        XCTAssertEqual(first.status, 200, first.text)
        let items = try XCTUnwrap(first.json["items"] as? [[String: Any]])
        XCTAssertEqual(items.compactMap { $0["seq"] as? Int }, [1, 2])
        XCTAssertEqual(items.compactMap { $0["dossier_code"] as? String }, Array(codes.prefix(2)))
        XCTAssertEqual(items.first?["action"] as? String, "receive")
        XCTAssertEqual(items.first?["to_status"] as? String, "received")
        XCTAssertEqual(items.first?["national_status"] as? Int, 2, "BRIEF: received is the national portal's 2")
        XCTAssertTrue(items.first?["from_status"] is NSNull)
        XCTAssertNotNil(items.first?["agency_id"] as? Int)
        XCTAssertEqual(first.json["next_after"] as? Int, 2)

        let rest = try events(after: 2, limit: nil)
        XCTAssertEqual((rest.json["items"] as? [[String: Any]])?.compactMap { $0["seq"] as? Int }, [3])
        XCTAssertEqual(rest.json["next_after"] as? Int, 3)
        let none = try events(after: 3, limit: 10)
        XCTAssertEqual((none.json["items"] as? [[String: Any]])?.count, 0)
        XCTAssertEqual(none.json["next_after"] as? Int, 3, "an empty page keeps the client's position")
        XCTAssertEqual(try events(after: 1, limit: 1, as: "monitor").status, 200, "province_monitor reads the feed too")
    }

    func testFeedHasNoGapsUnderConcurrentWrites() throws {
        let token = try token("centre")
        let port = self.port
        let body = Array(try JSONSerialization.data(withJSONObject: counterIntake()))
        let statuses = Locked<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 24) { _ in
            let status = (try? Self.request(port: port, "POST", "/api/v1/dossiers", body: body, token: token).status) ?? 0
            statuses.withLock { $0.append(status) }
        }
        XCTAssertEqual(statuses.withLock { $0 }.filter { $0 == 201 }.count, 24)
        var seen: [Int] = []
        var after = 0
        while true {
            let page = try events(after: after, limit: 5)
            let seqs = (page.json["items"] as? [[String: Any]])?.compactMap { $0["seq"] as? Int } ?? []
            if seqs.isEmpty { break }
            seen += seqs
            after = try XCTUnwrap(page.json["next_after"] as? Int)
        }
        XCTAssertEqual(seen, Array(1...24))
    }

    func testFeedIsForTheSyncRolesAndChecksItsParameters() throws {
        _ = try receive(1)
        XCTAssertEqual(try call("GET", "/api/v1/events").status, 401)
        for user in ["centre", "citizen", "justice.specialist"] {
            let reply = try events(after: nil, limit: nil, as: user)
            XCTAssertEqual(reply.status, 403, user)
            XCTAssertEqual(reply.errorCode, "forbidden")
        }
        for query in ["limit=0", "limit=501", "after=-1", "after=mot", "limit=1.5"] {
            let reply = try call("GET", "/api/v1/events?\(query)", token: try token("portal"))
            XCTAssertEqual(reply.status, 422, query)
            XCTAssertFalse(reply.fieldErrors.isEmpty, query)
        }
    }

    // MARK: - motcua audit verify

    func verify() throws -> (status: Int32, output: String) {
        try ServerProcess.run(["audit", "verify", "--db", databasePath])
    }

    /// Runs SQL on the file with the append-only triggers (and the notices that refer to events)
    /// out of the way, as an intruder would.
    func tamper(_ sql: String) throws {
        let database = try Database(path: databasePath, readerCount: 1)
        defer { database.close() }
        try database.writeInOwnTransaction { connection in
            try connection.execute("DROP TRIGGER IF EXISTS dossier_events_no_update; DROP TRIGGER IF EXISTS dossier_events_no_delete; DELETE FROM notifications; \(sql)")
        }
    }

    func testVerifyPassesAnIntactChainAndNamesAnEditedEvent() throws {
        _ = try receive(3)
        let intact = try verify()
        XCTAssertEqual(intact.status, 0, intact.output)
        XCTAssertTrue(intact.output.contains("3 sự kiện"), intact.output)

        try tamper("UPDATE dossier_events SET note = 'đã sửa' WHERE seq = 2")
        let edited = try verify()
        XCTAssertEqual(edited.status, 1, edited.output)
        XCTAssertTrue(edited.output.contains("sự kiện số 2"), edited.output)
        XCTAssertTrue(edited.output.contains("nội dung sự kiện đã bị sửa"), edited.output)
    }

    /// The chain is whole but a dossier's packed copy of its events (`dossiers.history`) was
    /// changed: the command names that dossier and fails.
    func testVerifyNamesADossierWhosePackedHistoryDiffersFromItsEvents() throws {
        let codes = try receive(2)
        let intact = try verify()
        XCTAssertTrue(intact.output.contains("Lịch sử xử lý lưu kèm 2 hồ sơ khớp"), intact.output)
        try tamper("UPDATE dossiers SET history = (SELECT history FROM dossiers WHERE code = '\(codes[0])') WHERE code = '\(codes[1])'")
        let swapped = try verify()
        XCTAssertEqual(swapped.status, 1, swapped.output)
        XCTAssertTrue(swapped.output.contains("Chuỗi sự kiện toàn vẹn"), swapped.output)
        XCTAssertTrue(swapped.output.contains("hồ sơ \(codes[1]) không khớp"), swapped.output)
    }

    func testVerifyNamesADeletedEventAndARewrittenLink() throws {
        _ = try receive(4)
        try tamper("DELETE FROM dossier_events WHERE seq = 2")
        var report = try AuditChain.verify(application.context.database)
        XCTAssertEqual(report.firstBroken, AuditChain.BrokenLink(seq: 3, reason: .missingEvents(expected: 2)))
        XCTAssertEqual(report.verified, 1)

        // Renumbering the rest to hide the gap breaks the previous-hash link instead.
        try tamper("UPDATE dossier_events SET seq = seq - 1 WHERE seq > 2")
        report = try AuditChain.verify(application.context.database)
        XCTAssertEqual(report.firstBroken, AuditChain.BrokenLink(seq: 2, reason: .previousHashMismatch))
    }
}
