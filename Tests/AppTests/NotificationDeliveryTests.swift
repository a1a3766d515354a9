import Domain
import Foundation
import HTTP
import Storage
import XCTest
@testable import App

/// Delivery of the outbox (ISSUE 3 item 11) driven step by step with a manual clock: notices
/// written by real dossier actions over the HTTP API, sent to a real webhook receiver, with the
/// outcome and the backoff recorded in the database. The app's own worker is off here.
final class NotificationDeliveryTests: DossierActionTestCase {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        let current: Locked<Date>
        init(_ start: Date) { current = Locked(start) }
        func now() -> Date { current.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
    }

    struct Row {
        var status: String
        var attempts: Int
        var nextAttemptAt: String
        var lastError: String?
        var deliveredAt: String?
    }

    var store: NotificationStore { NotificationStore(database: application.database) }

    func row(_ id: Int, file: StaticString = #filePath, line: UInt = #line) throws -> Row {
        let found = try application.database.read {
            try $0.queryOne("SELECT status, attempts, next_attempt_at, last_error, delivered_at FROM notifications WHERE id = ?",
                            [SQLiteValue(id)])
        }
        let row = try XCTUnwrap(found, "notice \(id)", file: file, line: line)
        return Row(status: try row.string("status"), attempts: try row.int("attempts"),
                   nextAttemptAt: try row.string("next_attempt_at"), lastError: try row.optionalString("last_error"),
                   deliveredAt: try row.optionalString("delivered_at"))
    }

    /// Receives one dossier at the counter (one SMS queued) and returns its code and notice id.
    func queueOneNotice(file: StaticString = #filePath, line: UInt = #line) throws -> (code: String, id: Int) {
        let code = try receiveAtCounter(file: file, line: line)
        let ids = try application.database.read {
            try $0.query("SELECT n.id FROM notifications n JOIN dossiers d ON d.id = n.dossier_id WHERE d.code = ?",
                         [SQLiteValue(code)]).map { try $0.int("id") }
        }
        XCTAssertEqual(ids.count, 1, file: file, line: line)
        return (code, try XCTUnwrap(ids.first, file: file, line: line))
    }

    /// A clock a little after every notice queued so far (stored times have whole seconds).
    func makeClock() -> ManualClock {
        ManualClock(Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down) + 1))
    }

    func makeDelivery(_ url: URL, clock: ManualClock, policy: NotificationRetryPolicy = .init()) -> NotificationDelivery {
        NotificationDelivery(store: store, transport: WebhookTransport(url: url, timeout: 5), policy: policy,
                             now: { clock.now() })
    }

    // MARK: - Retry policy

    func testDefaultBackoffGrowsFourfoldFromThirtySecondsAndIsCappedAtAnHour() {
        let policy = NotificationRetryPolicy()
        XCTAssertEqual((1...7).map { policy.delay(afterAttempts: $0) }, [30, 120, 480, 1920, 3600, 3600, 3600])
        XCTAssertEqual(policy.maxAttempts, 6)
        XCTAssertFalse(policy.isExhausted(afterAttempts: 5))
        XCTAssertTrue(policy.isExhausted(afterAttempts: 6))
        XCTAssertEqual(NotificationRetryPolicy().delay(afterAttempts: 10_000), 3600, "no overflow far out")
    }

    // MARK: - Webhook

    func testWebhookAnswering500TwiceThen200IsDeliveredOnTheThirdAttemptAfterTheBackoff() throws {
        let (code, id) = try queueOneNotice()
        let receiver = try WebhookReceiver(statuses: [500, 500, 200])
        let clock = makeClock()
        let start = clock.now()
        let delivery = makeDelivery(receiver.url, clock: clock)

        XCTAssertEqual(try delivery.runDue(), .init(delivered: 0, failedAttempts: 1))
        var state = try row(id)
        XCTAssertEqual(state.status, "pending")
        XCTAssertEqual(state.attempts, 1)
        XCTAssertEqual(state.nextAttemptAt, VietnamTime.format(start + 30))
        XCTAssertEqual(state.lastError, "HTTP 500: status 500")

        clock.advance(29)
        XCTAssertEqual(try delivery.runDue().attempted, 0, "not due before its backoff has run out")
        clock.advance(1)
        XCTAssertEqual(try delivery.runDue(), .init(delivered: 0, failedAttempts: 1))
        state = try row(id)
        XCTAssertEqual(state.attempts, 2)
        XCTAssertEqual(state.nextAttemptAt, VietnamTime.format(start + 30 + 120))

        clock.advance(120)
        XCTAssertEqual(try delivery.runDue(), .init(delivered: 1, failedAttempts: 0))
        state = try row(id)
        XCTAssertEqual(state.status, "delivered")
        XCTAssertEqual(state.attempts, 3)
        XCTAssertEqual(state.deliveredAt, VietnamTime.format(start + 150))
        XCTAssertNil(state.lastError)

        let posts = try receiver.objects()
        XCTAssertEqual(posts.count, 3)
        let post = try XCTUnwrap(posts.last)
        XCTAssertEqual(post["id"] as? Int, id)
        XCTAssertEqual(post["dossier_code"] as? String, code)
        XCTAssertEqual(post["channel"] as? String, "sms")
        XCTAssertEqual(post["recipient"] as? String, "0905123456")
        XCTAssertTrue((post["body"] as? String ?? "").contains("Hồ sơ \(code) đã được tiếp nhận"), "\(post)")
        XCTAssertNotNil((post["created_at"] as? String).flatMap(VietnamTime.parse), "\(post)")
        XCTAssertEqual(try delivery.runDue().attempted, 0, "a delivered notice is not sent again")
    }

    func testWebhookAlwaysAnswering500MakesTheNoticeFailedAfterTheMaximumOfAttempts() throws {
        let (_, id) = try queueOneNotice()
        let receiver = try WebhookReceiver(statuses: [500])
        let clock = makeClock()
        let start = clock.now()
        let delivery = makeDelivery(receiver.url, clock: clock, policy: NotificationRetryPolicy(maxAttempts: 4, firstDelay: 10))
        var schedule: [String] = []
        for attempt in 1...4 {
            XCTAssertEqual(try delivery.runDue().failedAttempts, 1, "attempt \(attempt)")
            let state = try row(id)
            XCTAssertEqual(state.attempts, attempt)
            schedule.append(state.nextAttemptAt)
            clock.advance(10 * pow(4, Double(attempt - 1)))
        }
        let state = try row(id)
        XCTAssertEqual(state.status, "failed")
        XCTAssertEqual(state.lastError, "HTTP 500: status 500")
        XCTAssertNil(state.deliveredAt)
        XCTAssertEqual(schedule, [start + 10, start + 50, start + 210, start + 210].map(VietnamTime.format),
                       "10 s, 40 s, 160 s apart; the last failure keeps the previous time")
        clock.advance(100_000)
        XCTAssertEqual(try delivery.runDue().attempted, 0, "a failed notice is not retried by itself")
        XCTAssertEqual(receiver.bodies.count, 4)
    }

    func testUnreachableWebhookRecordsANetworkFailureAndKeepsGoing() throws {
        let (_, id) = try queueOneNotice()
        // A port that was just listening and is now closed: connection refused.
        let closedURL: URL
        do {
            let receiver = try WebhookReceiver(statuses: [200])
            closedURL = receiver.url
        }
        let clock = makeClock()
        let delivery = makeDelivery(closedURL, clock: clock)
        XCTAssertEqual(try delivery.runDue(), .init(delivered: 0, failedAttempts: 1))
        let state = try row(id)
        XCTAssertEqual(state.status, "pending")
        XCTAssertEqual(state.attempts, 1)
        XCTAssertTrue(state.lastError?.hasPrefix("network error: ") == true, state.lastError ?? "nil")
        XCTAssertEqual(state.nextAttemptAt, VietnamTime.format(clock.now() + 30))
        // The server itself still answers.
        XCTAssertEqual(try call("GET", "/healthz").status, 200)
    }

    func testManyDueNoticesAreSentInOrderAcrossBatches() throws {
        var ids: [Int] = []
        for _ in 0..<5 { ids.append(try queueOneNotice().id) }
        let receiver = try WebhookReceiver(statuses: [204])
        let clock = makeClock()
        let delivery = NotificationDelivery(store: store, transport: WebhookTransport(url: receiver.url), batchSize: 2,
                                            now: { clock.now() })
        XCTAssertEqual(try delivery.runDue(), .init(delivered: 5, failedAttempts: 0))
        XCTAssertEqual(try receiver.objects().compactMap { $0["id"] as? Int }, ids)
        for id in ids { XCTAssertEqual(try row(id).status, "delivered") }
    }

    // MARK: - The worker thread

    func testWorkerNudgedAfterACommitRetriesWithoutDelayUntilTheWebhookAccepts() throws {
        let receiver = try WebhookReceiver(statuses: [500, 500, 200])
        let delivery = NotificationDelivery(store: store, transport: WebhookTransport(url: receiver.url),
                                            policy: NotificationRetryPolicy(maxAttempts: 6, firstDelay: 0))
        let worker = NotificationWorker(delivery: delivery, pollInterval: 3600)
        worker.start()
        defer { worker.stopAndWait() }
        let (_, id) = try queueOneNotice()
        worker.nudge()
        let deadline = Date().addingTimeInterval(10)
        while try row(id).status == "pending", Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let state = try row(id)
        XCTAssertEqual(state.status, "delivered")
        XCTAssertEqual(state.attempts, 3)
        XCTAssertEqual(receiver.bodies.count, 3)
    }

    func testStopWaitsForTheSendInProgressAndSendsNothingNew() throws {
        var ids: [Int] = []
        for _ in 0..<4 { ids.append(try queueOneNotice().id) }
        let receiver = try WebhookReceiver(statuses: [200], delay: 0.5)
        let delivery = NotificationDelivery(store: store, transport: WebhookTransport(url: receiver.url))
        let worker = NotificationWorker(delivery: delivery, pollInterval: 3600)
        worker.start()
        let deadline = Date().addingTimeInterval(10)
        while receiver.bodies.isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(receiver.bodies.count, 1, "the first send is in progress")
        worker.stopAndWait()

        let statuses = try ids.map { try row($0).status }
        XCTAssertEqual(statuses, ["delivered", "pending", "pending", "pending"],
                       "the send in progress finished and was recorded; no new one started")
        XCTAssertEqual(receiver.bodies.count, 1)
        worker.nudge()
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(receiver.bodies.count, 1, "a stopped worker ignores nudges")
    }
}
