import XCTest
import Domain

final class RatingCriteriaTests: XCTestCase {
    func testCompleteAnswersInRangeAreAccepted() throws {
        let rating = try RatingCriteria(contacts: 2, organisations: 1, attitude: 0, satisfied: true)
        XCTAssertEqual([rating.contacts, rating.organisations, rating.attitude], [2, 1, 0])
        XCTAssertTrue(rating.satisfied)
    }

    func testEveryMissingOrOutOfRangeCriterionIsReportedByField() {
        XCTAssertThrowsError(try RatingCriteria(contacts: 3, organisations: nil, attitude: -1, satisfied: nil)) {
            XCTAssertEqual(($0 as? RatingError)?.fields, [
                "criteria.contacts": "Điểm đánh giá phải là 0, 1 hoặc 2.",
                "criteria.organisations": "Thiếu điểm đánh giá.",
                "criteria.attitude": "Điểm đánh giá phải là 0, 1 hoặc 2.",
                "criteria.satisfied": "Thiếu lựa chọn hài lòng hoặc không hài lòng.",
            ])
        }
    }

    func testTimeIndexScoresAndMeansInTenths() {
        XCTAssertEqual([Timing.early, .onTime, .late].map(RatingCriteria.timeScore), [2, 1, 0])
        XCTAssertNil(RatingCriteria.timeScore(.within))
        XCTAssertEqual(RatingCriteria.meanInTenths([2, 1, 2]), 17)  // 1.666… → 1.7
        XCTAssertEqual(RatingCriteria.meanInTenths([2, 2, 2, 1]), 18)  // 1.75 → 1.8
        XCTAssertEqual(RatingCriteria.meanInTenths([0, 0, 1]), 3)
        XCTAssertNil(RatingCriteria.meanInTenths([]))
    }

    func testUnitGradesFollowTheThresholds() {
        XCTAssertEqual([180, 150, 149, 120, 119, 90, 89, 60, 59, 0].map { RatingCriteria.unitGrade(totalInTenths: $0) },
                       ["Xuất sắc", "Xuất sắc", "Tốt", "Tốt", "Khá", "Khá", "Trung bình", "Trung bình", "Yếu", "Yếu"])
    }
}
