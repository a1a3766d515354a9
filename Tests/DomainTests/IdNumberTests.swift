import XCTest
import Domain

final class IdNumberTests: XCTestCase {
    private let today = LocalDate(year: 2026, month: 11, day: 24) ?? LocalDate(daysSinceEpoch: 0)

    func testRealisticNumbersAreAccepted() {
        for valid in ["051090000123", "079301000001", "001205123456", "096099999999", "051106000001"] {
            XCTAssertNil(IdNumber.validate(valid, today: today), valid)
        }
    }

    func testCenturyAndSexCodeGiveTheBirthYear() {
        XCTAssertEqual(IdNumber.birthYear("051090000123"), 1990)
        XCTAssertEqual(IdNumber.birthYear("051301000001"), 2001)
        XCTAssertEqual(IdNumber.birthYear("051499000001"), 2199)
        XCTAssertEqual(IdNumber.birthYear("051700000001"), 2200)
        XCTAssertEqual(IdNumber.birthYear("051900000001"), 2300)
        XCTAssertEqual(IdNumber.isFemale("051190000001"), true)
        XCTAssertEqual(IdNumber.isFemale("051290000001"), false)
        XCTAssertNil(IdNumber.birthYear("05109000012"))
    }

    func testShapeOtherThanTwelveASCIIDigitsIsRejected() {
        for bad in ["", "05109000012", "0510900001234", "05109000012a", " 051090000123", "051 090 000 123",
                    "０５１０９０００００１２"] {
            XCTAssertEqual(IdNumber.validate(bad, today: today), .notTwelveDigits, bad)
        }
    }

    func testUnknownProvinceCodesAreRejected() {
        for code in ["000", "003", "097", "999", "050"] {
            XCTAssertEqual(IdNumber.validate(code + "090000001", today: today), .unknownProvince(code: code), code)
        }
        XCTAssertEqual(IdNumber.provinceNames.count, 63)
        XCTAssertEqual(IdNumber.provinceNames["051"], "Quảng Ngãi")
    }

    func testBirthYearsInTheFutureOrOver120YearsAgoAreRejected() {
        XCTAssertEqual(IdNumber.validate("051227000001", today: today), .birthYearInFuture(year: 2027))
        XCTAssertNil(IdNumber.validate("051226000001", today: today))
        XCTAssertEqual(IdNumber.validate("051499000001", today: today), .birthYearInFuture(year: 2199))
        XCTAssertEqual(IdNumber.validate("051905000001", today: today), .birthYearInFuture(year: 2305))
        XCTAssertEqual(IdNumber.validate("051005000001", today: today), .birthYearTooOld(year: 1905))
        XCTAssertNil(IdNumber.validate("051006000001", today: today))
    }

    func testProblemsHaveVietnameseMessages() {
        XCTAssertEqual(IdNumberProblem.notTwelveDigits.message, "Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.")
        XCTAssertEqual(IdNumberProblem.unknownProvince(code: "097").message,
                       "Ba chữ số đầu 097 không phải mã tỉnh, thành phố nơi đăng ký khai sinh.")
        XCTAssertTrue(IdNumberProblem.birthYearInFuture(year: 2030).message.contains("2030"))
    }
}
