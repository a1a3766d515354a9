import Domain
import Foundation
import HTTP
import Storage
import XCTest
@testable import App

/// The delivery worker as it runs in the server (ISSUE 3 item 11): started by
/// `Application.start()`, woken right after a commit, stopped cleanly by shutdown.
final class NotificationWorkerTests: DossierActionTestCase {
    var logPath: String { directory.appendingPathComponent("notifications.log").path }

    /// The worker on, with the default transport (the log file beside the database) and a poll
    /// interval far longer than any test: a notice delivered at once was delivered by the nudge.
    override func configure(_ configuration: inout AppConfiguration) {
        configuration.notifications.isEnabled = true
        configuration.notifications.pollInterval = 3600
    }

    /// Waits (up to 10 s) for `condition`, checking every 20 ms.
    func waitFor(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ condition: () throws -> Bool) rethrows {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTFail("timed out waiting for \(what)", file: file, line: line)
    }

    func statuses(_ code: String) throws -> [String] {
        try application.database.read {
            try $0.query("""
                SELECT n.status FROM notifications n JOIN dossiers d ON d.id = n.dossier_id WHERE d.code = ? ORDER BY n.id
                """, [SQLiteValue(code)]).map { try $0.string("status") }
        }
    }

    func testCounterIntakeIsAppendedToTheLogFileRightAfterItsCommit() throws {
        let code = try receiveAtCounter(email: "anh@example.vn")
        try waitFor("two delivered notices") { try statuses(code) == ["delivered", "delivered"] }
        let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let objects = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertEqual(objects.map { Set($0.keys) }, Array(repeating: ["id", "channel", "recipient", "body", "at"], count: 2))
        XCTAssertEqual(objects.compactMap { $0["channel"] as? String }, ["sms", "email"])
        XCTAssertEqual(objects.compactMap { $0["recipient"] as? String }, ["0905123456", "anh@example.vn"])
        let sms = try XCTUnwrap(objects.first?["body"] as? String)
        XCTAssertTrue(sms.hasPrefix("MotCua: Hồ sơ \(code) đã được tiếp nhận, hẹn trả kết quả lúc "), sms)
        XCTAssertTrue((objects.last?["body"] as? String ?? "").contains("Kính gửi Ông/Bà Nguyễn Thị Ánh"))
        let stored = try application.database.read {
            try $0.query("SELECT n.id, n.attempts, n.delivered_at FROM notifications n ORDER BY n.id")
        }
        XCTAssertEqual(try stored.map { try $0.int("id") }, objects.compactMap { $0["id"] as? Int })
        XCTAssertEqual(try stored.map { try $0.int("attempts") }, [1, 1])
        for (row, object) in zip(stored, objects) {
            let at = try XCTUnwrap(object["at"] as? String)
            XCTAssertNotNil(VietnamTime.parse(at), at)
            XCTAssertEqual(try row.optionalString("delivered_at"), at)
        }
    }

    func testAnActionNoticeIsDeliveredAfterTheIntakeOnes() throws {
        let code = try receiveAtCounter()
        try waitFor("the receipt notice") { try statuses(code) == ["delivered"] }
        try expectOK(code, "assign", ["user_id": try userID("justice.leader")], as: "centre")
        try expectOK(code, "complete", ["result": ["summary": "Đã cấp phiếu"]], as: "justice.leader")
        try waitFor("the result notice") { try statuses(code) == ["delivered", "delivered"] }
        let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[1].contains("đã có kết quả"), String(lines[1]))
    }

    func testShutdownRightAfterCommitsLeavesEveryNoticeEitherLoggedAndDeliveredOrPending() throws {
        var codes: [String] = []
        for index in 0..<4 { codes.append(try receiveAtCounter(email: "nguoi\(index)@example.vn")) }
        application.shutdown()
        application.waitUntilStopped()
        XCTAssertThrowsError(try application.database.read { _ in 0 }, "closed only after the worker stopped")
        application = nil

        let database = try Database(path: directory.appendingPathComponent("test.sqlite").path)
        defer { database.close() }
        let delivered = try database.read {
            try $0.query("SELECT id FROM notifications WHERE status = 'delivered' ORDER BY id").map { try $0.int("id") }
        }
        let total = try database.read { try $0.queryOne("SELECT count(*) AS n FROM notifications")?.int("n") }
        XCTAssertEqual(total, 8)
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let logged = try text.split(separator: "\n").map { line in
            try XCTUnwrap((JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? Int)
        }
        XCTAssertEqual(logged, delivered, "every line written was recorded, and nothing was recorded unwritten")
    }
}
