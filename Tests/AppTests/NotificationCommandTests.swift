import Domain
import Foundation
import Storage
import XCTest
@testable import App

/// `motcua notifications list|retry` and the `serve` notification flags, through the real
/// executable, on a database filled by real dossier actions (the app's own worker is off).
final class NotificationCommandTests: DossierActionTestCase {
    var databasePath: String { directory.appendingPathComponent("test.sqlite").path }

    func testListShowsEveryNoticeAndFiltersByStatus() throws {
        let code = try receiveAtCounter(email: "anh@example.vn")
        let ids = try application.database.read { try $0.query("SELECT id FROM notifications ORDER BY id").map { try $0.int("id") } }
        XCTAssertEqual(ids.count, 2)
        let outcome = try NotificationStore(database: application.database)
            .markFailed(id: ids[1], error: "HTTP 503: bảo trì", at: Date(), policy: NotificationRetryPolicy(maxAttempts: 1, firstDelay: 30))
        XCTAssertEqual(outcome, .failed)

        let all = try ServerProcess.run(["notifications", "list", "--db", databasePath])
        XCTAssertEqual(all.status, 0, all.output)
        XCTAssertEqual(all.output.split(separator: "\n").map(String.init), [
            "id\tdossier\tchannel\trecipient\tstatus\tattempts\tlast_error",
            "\(ids[1])\t\(code)\temail\tanh@example.vn\tfailed\t1\tHTTP 503: bảo trì",
            "\(ids[0])\t\(code)\tsms\t0905123456\tpending\t0\t",
        ])
        let failed = try ServerProcess.run(["notifications", "list", "--status", "failed", "--db", databasePath])
        XCTAssertEqual(failed.status, 0, failed.output)
        XCTAssertEqual(failed.output.split(separator: "\n").count, 2, failed.output)
        XCTAssertTrue(failed.output.contains("\(ids[1])\t\(code)\temail"), failed.output)
        let delivered = try ServerProcess.run(["notifications", "list", "--status", "delivered", "--db", databasePath])
        XCTAssertEqual(delivered.output.split(separator: "\n").count, 1, delivered.output)

        let bad = try ServerProcess.run(["notifications", "list", "--status", "sent", "--db", databasePath])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.output.contains("--status"), bad.output)
    }

    func testRetryPutsAFailedNoticeBackToPendingAndRefusesOthers() throws {
        _ = try receiveAtCounter()
        let id = try XCTUnwrap(application.database.read { try $0.queryOne("SELECT id FROM notifications")?.int("id") })
        let before = try ServerProcess.run(["notifications", "retry", "\(id)", "--db", databasePath])
        XCTAssertEqual(before.status, 1)
        XCTAssertTrue(before.output.contains("pending"), before.output)

        let store = NotificationStore(database: application.database)
        for _ in 0..<2 {
            _ = try store.markFailed(id: id, error: "network error: refused", at: Date(),
                                     policy: NotificationRetryPolicy(maxAttempts: 2, firstDelay: 30))
        }
        let retried = try ServerProcess.run(["notifications", "retry", "\(id)", "--db", databasePath])
        XCTAssertEqual(retried.status, 0, retried.output)
        let row = try XCTUnwrap(application.database.read {
            try $0.queryOne("SELECT status, attempts, next_attempt_at, last_error FROM notifications WHERE id = ?", [SQLiteValue(id)])
        })
        XCTAssertEqual(try row.string("status"), "pending")
        XCTAssertEqual(try row.int("attempts"), 0)
        XCTAssertEqual(try row.optionalString("last_error"), "network error: refused")
        let due = try XCTUnwrap(VietnamTime.parse(try row.string("next_attempt_at")))
        XCTAssertLessThanOrEqual(abs(due.timeIntervalSinceNow), 60, "due now")

        let missing = try ServerProcess.run(["notifications", "retry", "999999", "--db", databasePath])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.output.contains("999999"), missing.output)
        let notANumber = try ServerProcess.run(["notifications", "retry", "abc", "--db", databasePath])
        XCTAssertEqual(notANumber.status, 2)
    }

    func testServeRefusesAWebhookThatIsNotAnHTTPURLWithExitStatus2() throws {
        for text in ["ftp://gateway.example/hook", "gateway.example/hook", "http://"] {
            let result = try ServerProcess.run(["serve", "--port", "0", "--db", databasePath, "--notify-webhook", text])
            XCTAssertEqual(result.status, 2, text)
            XCTAssertTrue(result.output.contains("--notify-webhook"), result.output)
        }
        let fromEnvironment = try ServerProcess.run(["serve", "--port", "0", "--db", databasePath],
                                                    environment: ["MOTCUA_NOTIFY_WEBHOOK": "mailto:a@b.vn"])
        XCTAssertEqual(fromEnvironment.status, 2, fromEnvironment.output)
        XCTAssertTrue(fromEnvironment.output.contains("mailto:a@b.vn"), fromEnvironment.output)
    }

    func testHelpDescribesTheNotificationCommandsAndFlags() throws {
        let help = try ServerProcess.run(["--help"])
        for text in ["notifications list", "notifications retry", "--notify-webhook", "--notify-log", "MOTCUA_NOTIFY_WEBHOOK"] {
            XCTAssertTrue(help.output.contains(text), text)
        }
    }

    func testServeWithAWebhookPostsTheNoticesOfItsActions() throws {
        application.shutdown()
        application.waitUntilStopped()
        application = nil
        let receiver = try WebhookReceiver(statuses: [200])
        let server = try ServerProcess(database: databasePath, arguments: ["--notify-webhook", receiver.url.absoluteString])
        defer { server.stop() }
        let login = try Self.request(port: server.port, "POST", "/api/v1/session",
                                     body: Array(try JSONSerialization.data(withJSONObject: ["username": "centre", "password": Self.password])))
        let token = try XCTUnwrap(login.json["token"] as? String, login.text)
        let created = try Self.request(port: server.port, "POST", "/api/v1/dossiers",
                                       body: Array(try JSONSerialization.data(withJSONObject: counterIntake())), token: token)
        XCTAssertEqual(created.status, 201, created.text)
        let code = try XCTUnwrap(created.json["code"] as? String)
        let deadline = Date().addingTimeInterval(10)
        while receiver.bodies.isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let posts = try receiver.objects()
        XCTAssertEqual(posts.count, 1)
        XCTAssertEqual(posts.first?["dossier_code"] as? String, code)
        XCTAssertEqual(posts.first?["channel"] as? String, "sms")
    }
}
