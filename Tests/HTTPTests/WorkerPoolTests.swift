import Foundation
@testable import HTTP
import TestSupport
import XCTest

/// Handlers run on a bounded pool, off the connection queues.
final class WorkerPoolTests: XCTestCase {
    func testBusyWorkersDoNotBlockIOQueueRoutesAndQueuedWorkRunsLater() throws {
        let release = DispatchSemaphore(value: 0)
        let running = Locked(0)
        let peak = Locked(0)
        var router = Router()
        router.add(.get, "/busy") { _ in
            let now = running.withLock { $0 += 1; return $0 }
            peak.withLock { $0 = max($0, now) }
            release.wait()
            running.withLock { $0 -= 1 }
            return .text("done")
        }
        router.add(.get, "/healthz", options: RouteOptions(runsOnIOQueue: true)) { _ in .text("ok") }
        let server = try TestServer(router: router) { $0.workerCount = 16 }
        defer { server.stop() }
        let busy = try (0..<17).map { _ in try server.makeClient() }
        for client in busy { try client.send(TestServer.request("GET", "/busy")) }
        // Both workers are taken (or about to be); the I/O-queue route still answers.
        let probe = try server.makeClient()
        try probe.send(TestServer.request("GET", "/healthz"))
        XCTAssertEqual(try probe.readResponse().text, "ok")
        for _ in 0..<17 { release.signal() }
        for client in busy { XCTAssertEqual(try client.readResponse().text, "done") }
        XCTAssertLessThanOrEqual(peak.withLock { $0 }, 16)
    }

    /// An item that ran is not kept alive by the waiting queue while later items still wait.
    func testARunItemIsReleasedWhileTheQueueIsStillBusy() throws {
        final class Payload: Sendable {}
        let pool = WorkerPool(limit: 1, queue: DispatchQueue(label: "one-thread"))
        let first = DispatchSemaphore(value: 0)
        let last = DispatchSemaphore(value: 0)
        let lastStarted = DispatchSemaphore(value: 0)
        weak var released: Payload?
        pool.submit { first.wait() }
        do {
            let payload = Payload()
            released = payload
            pool.submit { _ = payload }
        }
        pool.submit {
            lastStarted.signal()
            last.wait()
        }
        first.signal()
        XCTAssertEqual(lastStarted.wait(timeout: .now() + 10), .success)
        XCTAssertNil(released, "the item that ran let go of what it captured")
        last.signal()
    }

    /// With one thread for four slots, items run in the order they were submitted: those
    /// waiting beyond the limit do not overtake those already waiting for a thread.
    func testHandlersRunInSubmissionOrderWhenItemsWaitForThreads() throws {
        let pool = WorkerPool(limit: 4, queue: DispatchQueue(label: "one-thread"))
        XCTAssertEqual(orderOfRuns(7, submit: pool.submit), [0, 1, 2, 3, 4, 5, 6])
    }
}

/// Routes marked `isBlocking` run on dedicated threads: as many wait at once as the
/// configured count allows, from the first request, and the rest wait their turn.
final class BlockingThreadPoolTests: XCTestCase {
    /// Eight handlers that each wait until all eight have started: with fewer than eight
    /// threads running them at once they would never finish.
    func testAsManyBlockingHandlersWaitAtOnceAsThereAreThreads() throws {
        let handlers = 8
        let started = Locked(0)
        let allStarted = DispatchSemaphore(value: 0)
        let running = Locked(0)
        let peak = Locked(0)
        var router = Router()
        router.add(.post, "/commit", options: RouteOptions(isBlocking: true)) { _ in
            let now = running.withLock { $0 += 1; return $0 }
            peak.withLock { $0 = max($0, now) }
            if started.withLock({ $0 += 1; return $0 }) == handlers {
                for _ in 0..<handlers { allStarted.signal() }
            }
            let everyoneArrived = allStarted.wait(timeout: .now() + 10) == .success
            running.withLock { $0 -= 1 }
            return .text(everyoneArrived ? "committed" : "alone")
        }
        let server = try TestServer(router: router) { configuration in
            configuration.workerCount = 2
            configuration.blockingThreadCount = handlers
        }
        defer { server.stop() }
        let clients = try (0..<handlers).map { _ in try server.makeClient() }
        for client in clients { try client.send(TestServer.request("POST", "/commit", body: "{}")) }
        for client in clients { XCTAssertEqual(try client.readResponse().text, "committed") }
        XCTAssertEqual(peak.withLock { $0 }, handlers)
    }

    func testWorkBeyondTheThreadCountWaitsForAFreeThread() throws {
        let pool = BlockingThreadPool(threadCount: 2)
        defer { pool.stop() }
        let release = DispatchSemaphore(value: 0)
        let finished = Locked<[Int]>([])
        let done = DispatchGroup()
        for index in 0..<6 {
            done.enter()
            pool.submit {
                if index < 2 { release.wait() }
                finished.withLock { $0.append(index) }
                done.leave()
            }
        }
        Thread.sleep(forTimeInterval: 0.05)
        XCTAssertEqual(finished.withLock { $0 }, [], "both threads are held; the other four wait")
        XCTAssertEqual(pool.startedThreadCount, 2)
        release.signal()
        release.signal()
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(Set(finished.withLock { $0 }), Set(0..<6))
        XCTAssertEqual(pool.startedThreadCount, 2, "no thread beyond the count")
    }

    /// With one thread, queued work runs strictly in the order it was submitted.
    func testQueuedWorkRunsFirstInFirstOut() throws {
        let pool = BlockingThreadPool(threadCount: 1)
        defer { pool.stop() }
        XCTAssertEqual(orderOfRuns(5, submit: pool.submit), [0, 1, 2, 3, 4])
    }
}

/// Submits items 0..<count through `submit`, item 0 held until all are submitted, and returns
/// the order they ran in (empty if they did not all finish within 10 s).
private func orderOfRuns(_ count: Int, submit: (@escaping @Sendable () -> Void) -> Void) -> [Int] {
    let release = DispatchSemaphore(value: 0)
    let order = Locked<[Int]>([])
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        submit {
            if index == 0 { release.wait() }
            order.withLock { $0.append(index) }
            done.leave()
        }
    }
    release.signal()
    guard done.wait(timeout: .now() + 10) == .success else { return [] }
    return order.withLock { $0 }
}
