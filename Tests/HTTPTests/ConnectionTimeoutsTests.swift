import HTTP
import XCTest

/// The timeout state machine, driven by a manual clock (plain nanosecond numbers).
final class ConnectionTimeoutsTests: XCTestCase {
    private let second: UInt64 = 1_000_000_000

    private func makeMachine() -> ConnectionTimeouts {
        var limits = HTTPLimits()
        limits.headerTimeout = .seconds(10)
        limits.bodyProgressTimeout = .seconds(30)
        limits.idleTimeout = .seconds(30)
        return ConnectionTimeouts(limits: limits, lingerTimeout: .seconds(2))
    }

    func testFreshConnectionThatSendsNothingGets408AfterTheHeaderTimeout() {
        var machine = makeMachine()
        XCTAssertEqual(machine.connectionOpened(now: 100), .scheduleTimeout(at: 100 + 10 * second))
        XCTAssertEqual(machine.timerFired(now: 100 + 10 * second), .respondRequestTimeoutAndClose)
    }

    func testHeaderDeadlineDoesNotMoveWithTrickledBytes() {
        var machine = makeMachine()
        _ = machine.connectionOpened(now: 0)
        XCTAssertEqual(machine.requestStarted(now: 5 * second), .nothing)
        XCTAssertEqual(machine.timerFired(now: 10 * second), .respondRequestTimeoutAndClose)
    }

    func testBodyProgressPushesTheDeadlineWithoutReschedulingOnEachRead() {
        var machine = makeMachine()
        _ = machine.connectionOpened(now: 0)
        // The armed header deadline (10 s) is earlier than the body deadline (31 s): keep it.
        XCTAssertEqual(machine.headReceived(now: 1 * second), .nothing)
        XCTAssertEqual(machine.bodyProgressed(now: 9 * second), .nothing)
        XCTAssertEqual(machine.timerFired(now: 10 * second), .scheduleTimeout(at: 39 * second))
        XCTAssertEqual(machine.bodyProgressed(now: 30 * second), .nothing)
        XCTAssertEqual(machine.timerFired(now: 39 * second), .scheduleTimeout(at: 60 * second))
        XCTAssertEqual(machine.timerFired(now: 60 * second), .respondRequestTimeoutAndClose)
    }

    func testRunningHandlerHasNoDeadline() {
        var machine = makeMachine()
        _ = machine.connectionOpened(now: 0)
        _ = machine.headReceived(now: 0)
        XCTAssertEqual(machine.requestDispatched(), .nothing)
        XCTAssertNil(machine.deadline)
        XCTAssertEqual(machine.timerFired(now: 1000 * second), .nothing)
    }

    func testIdleKeepAliveClosesSilentlyAfterTheIdleTimeout() {
        var machine = makeMachine()
        _ = machine.connectionOpened(now: 0)
        _ = machine.headReceived(now: 0)
        _ = machine.requestDispatched()
        _ = machine.timerFired(now: 10 * second)
        XCTAssertEqual(machine.writeStarted(now: 11 * second), .scheduleTimeout(at: 41 * second))
        XCTAssertEqual(machine.responseCompleted(now: 12 * second), .nothing)
        XCTAssertEqual(machine.timerFired(now: 41 * second), .scheduleTimeout(at: 42 * second))
        XCTAssertEqual(machine.timerFired(now: 42 * second), .close)
    }

    func testNextRequestOnAKeptAliveConnectionStartsTheHeaderClock() {
        var machine = makeMachine()
        _ = machine.connectionOpened(now: 0)
        _ = machine.requestDispatched()
        _ = machine.timerFired(now: 10 * second)
        XCTAssertEqual(machine.responseCompleted(now: 20 * second), .scheduleTimeout(at: 50 * second))
        XCTAssertEqual(machine.requestStarted(now: 25 * second), .scheduleTimeout(at: 35 * second))
        XCTAssertEqual(machine.timerFired(now: 35 * second), .respondRequestTimeoutAndClose)
    }

    func testStalledWriteClosesAfterNoProgress() {
        var machine = makeMachine()
        _ = machine.connectionOpened(now: 0)
        _ = machine.requestDispatched()
        _ = machine.timerFired(now: 10 * second)
        XCTAssertEqual(machine.writeStarted(now: 10 * second), .scheduleTimeout(at: 40 * second))
        XCTAssertEqual(machine.writeProgressed(now: 20 * second), .nothing)
        XCTAssertEqual(machine.timerFired(now: 40 * second), .scheduleTimeout(at: 50 * second))
        XCTAssertEqual(machine.timerFired(now: 50 * second), .close)
    }

    func testLingerEndsInACloseAfterItsTimeout() {
        var machine = makeMachine()
        _ = machine.connectionOpened(now: 0)
        _ = machine.requestDispatched()
        _ = machine.timerFired(now: 10 * second)
        XCTAssertEqual(machine.lingerStarted(now: 11 * second), .scheduleTimeout(at: 13 * second))
        XCTAssertEqual(machine.timerFired(now: 13 * second), .close)
    }

    func testEarlyFiringReschedulesForTheRealDeadline() {
        var machine = makeMachine()
        _ = machine.connectionOpened(now: 0)
        XCTAssertEqual(machine.timerFired(now: 9 * second), .scheduleTimeout(at: 10 * second))
        XCTAssertEqual(machine.armedDeadline, 10 * second)
    }
}
