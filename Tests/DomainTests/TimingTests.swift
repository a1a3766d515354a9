import Foundation
import XCTest
import Domain

final class TimingTests: XCTestCase {
    private let due = vn("2025-03-14T16:00")

    func testFinishedOnAnEarlierDayIsEarly() {
        XCTAssertEqual(Timing.finished(at: vn("2025-03-13T23:59:59"), originalDueAt: due), .early)
        XCTAssertEqual(Timing.finished(at: vn("2025-03-01T08:00"), originalDueAt: due), .early)
    }

    func testFinishedOnTheDueDayUpToTheDueInstantIsOnTime() {
        XCTAssertEqual(Timing.finished(at: vn("2025-03-14T00:00"), originalDueAt: due), .onTime)
        XCTAssertEqual(Timing.finished(at: vn("2025-03-14T16:00"), originalDueAt: due), .onTime)
    }

    func testFinishedAfterTheDueInstantIsLateEvenTheSameDay() {
        XCTAssertEqual(Timing.finished(at: vn("2025-03-14T16:00:01"), originalDueAt: due), .late)
        XCTAssertEqual(Timing.finished(at: vn("2025-03-17T08:00"), originalDueAt: due), .late)
    }

    func testTheDayIsTheVietnamDayNotTheUTCDay() {
        // 06:00 in Vietnam is still the previous day in UTC; it is the due day here.
        let morningDue = vn("2025-03-14T08:00")
        XCTAssertEqual(Timing.finished(at: vn("2025-03-14T06:00"), originalDueAt: morningDue), .onTime)
        XCTAssertEqual(Timing.finished(at: vn("2025-03-13T23:30"), originalDueAt: morningDue), .early)
    }

    func testInProgressIsWithinUntilTheDueInstantThenOverdue() {
        XCTAssertEqual(Timing.inProgress(at: due, originalDueAt: due), .within)
        XCTAssertEqual(Timing.inProgress(at: due.addingTimeInterval(1), originalDueAt: due), .overdue)
    }

    func testRawValuesAndLabels() {
        XCTAssertEqual(Timing.allCases.map(\.rawValue), ["early", "on_time", "late", "within", "overdue"])
        XCTAssertEqual(Timing.allCases.map(\.label), ["Trước hạn", "Đúng hạn", "Quá hạn", "Trong hạn", "Quá hạn"])
        XCTAssertEqual(Timing.allCases.filter(\.isFinished), [.early, .onTime, .late])
    }
}
