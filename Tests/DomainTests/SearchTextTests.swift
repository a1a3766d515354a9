import XCTest
import Domain

final class SearchTextTests: XCTestCase {
    func testFoldRemovesEveryVietnameseDiacriticAndFoldsDToD() {
        let vowels = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
        let expected = String(repeating: "a", count: 17) + String(repeating: "e", count: 11) + String(repeating: "i", count: 5)
            + String(repeating: "o", count: 17) + String(repeating: "u", count: 11) + String(repeating: "y", count: 5) + "d"
        XCTAssertEqual(SearchText.fold(vowels), expected)
        XCTAssertEqual(SearchText.fold(vowels.uppercased()), expected)
        XCTAssertEqual(SearchText.fold("Đăng ký kinh doanh"), "dang ky kinh doanh")
        XCTAssertEqual(SearchText.fold("Ho\u{0302}\u{0300} so\u{031B}"), "ho so")
        XCTAssertEqual(SearchText.fold("GIẤY PHÉP XÂY DỰNG"), "giay phep xay dung")
    }

    func testQueryWithoutDiacriticsFindsTheProcedure() {
        XCTAssertTrue(SearchText.matches(query: "dang ky kinh doanh", in: "Đăng ký kinh doanh"))
        XCTAssertTrue(SearchText.matches(query: "Đăng ký", in: "đăng ký hộ kinh doanh"))
        XCTAssertTrue(SearchText.matches(query: "kinh dang", in: "Đăng ký kinh doanh"))
        XCTAssertTrue(SearchText.matches(query: "  ", in: "Đăng ký kinh doanh"))
    }

    func testDMatchesDStrokeAndPrefixesMatchForTypeAhead() {
        XCTAssertTrue(SearchText.matches(query: "d", in: "đường"))
        XCTAssertTrue(SearchText.matches(query: "D", in: "Đất đai"))
        XCTAssertTrue(SearchText.matches(query: "cap gi", in: "Cấp giấy phép"))
        XCTAssertFalse(SearchText.matches(query: "ang", in: "Đăng ký"))
        XCTAssertFalse(SearchText.matches(query: "dang ky kinh doanhx", in: "Đăng ký kinh doanh"))
        XCTAssertFalse(SearchText.matches(query: "dat", in: "Đăng ký"))
    }

    func testExactDiacriticsRankFirst() {
        let duong = SearchText.rank(query: "đường", text: "Đường Nguyễn Trãi")
        let duong2 = SearchText.rank(query: "đường", text: "Dương Văn Minh")
        XCTAssertGreaterThan(duong2, 0)
        XCTAssertGreaterThan(duong, duong2)
        XCTAssertEqual(SearchText.rank(query: "duong", text: "Đường Nguyễn Trãi"),
                       SearchText.rank(query: "duong", text: "Dương Văn Minh"))
        XCTAssertEqual(SearchText.rank(query: "xay", text: "Dương Văn Minh"), 0)
    }

    func testWholeWordsAndLeadingMatchesRankAbovePrefixes() {
        XCTAssertGreaterThan(SearchText.rank(query: "dat", text: "Đất đai"), SearchText.rank(query: "dat", text: "Giao đất"))
        XCTAssertGreaterThan(SearchText.rank(query: "ho", text: "Hộ tịch"), SearchText.rank(query: "ho", text: "Hồng Phúc"))
    }
}
