import XCTest
import Domain

final class TimeLimitTests: XCTestCase {
    func testWorkingMinutesFollowTheLengthOfTheDay() {
        XCTAssertEqual(TimeLimit(value: 3, unit: .workingDays).workingMinutes(minutesPerDay: 450), 1_350)
        XCTAssertEqual(TimeLimit(value: 3, unit: .workingDays).workingMinutes(minutesPerDay: 480), 1_440)
        XCTAssertEqual(TimeLimit(value: 4, unit: .workingHours).workingMinutes(minutesPerDay: 450), 240)
    }

    func testOutOfRangeValuesAreInvalidAndClamped() {
        XCTAssertFalse(TimeLimit(value: -1, unit: .workingDays).isValid)
        XCTAssertFalse(TimeLimit(value: TimeLimit.maxValue + 1, unit: .workingHours).isValid)
        XCTAssertTrue(TimeLimit(value: 0, unit: .workingHours).isValid)
        XCTAssertEqual(TimeLimit(value: -5, unit: .workingDays).workingMinutes(minutesPerDay: 450), 0)
        XCTAssertEqual(TimeLimit(value: Int.max, unit: .workingDays).workingMinutes(minutesPerDay: 450),
                       TimeLimit.maxValue * 450)
    }

    func testJSONAndLabelsMatchTheAPI() throws {
        let json = try JSONEncoder().encode(TimeLimit(value: 5, unit: .workingDays))
        let decoded = try JSONDecoder().decode(TimeLimit.self, from: json)
        XCTAssertEqual(decoded, TimeLimit(value: 5, unit: .workingDays))
        XCTAssertEqual(TimeUnit(rawValue: "working_hours"), .workingHours)
        XCTAssertEqual(TimeLimit(value: 5, unit: .workingDays).label, "5 ngày làm việc")
        XCTAssertEqual(TimeLimit(value: 4, unit: .workingHours).label, "4 giờ làm việc")
    }
}
