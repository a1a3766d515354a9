import XCTest
import Domain

final class DossierCodeTests: XCTestCase {
    func testCodeJoinsIdentifierDateAndFourDigitSequence() {
        XCTAssertEqual(DossierCode.make(identifier: "000.17.22.H56", date: day("2021-05-31"), sequence: 1),
                       "000.17.22.H56-210531-0001")
        XCTAssertEqual(DossierCode.make(identifier: "000.00.15.H55", date: day("2025-03-14"), sequence: 9_999),
                       "000.00.15.H55-250314-9999")
    }

    func testSequenceWidensPast9999InsteadOfFailing() {
        let date = day("2025-03-14")
        XCTAssertEqual(DossierCode.make(identifier: "000.00.15.H55", date: date, sequence: 10_000), "000.00.15.H55-250314-10000")
        XCTAssertEqual(DossierCode.make(identifier: "000.00.15.H55", date: date, sequence: 123_456), "000.00.15.H55-250314-123456")
        XCTAssertEqual(DossierCode.parse("000.00.15.H55-250314-10000")?.sequence, 10_000)
    }

    func testParseRoundTripsAndSplitsTheParts() throws {
        let parts = try XCTUnwrap(DossierCode.parse("000.17.22.H56-210531-0001"))
        XCTAssertEqual(parts.identifier, "000.17.22.H56")
        XCTAssertEqual(parts.date, day("2021-05-31"))
        XCTAssertEqual(parts.sequence, 1)
        for sequence in [1, 42, 9_999, 10_000, 99_999_999] {
            let code = DossierCode.make(identifier: "000.07.03.H55", date: day("2099-12-31"), sequence: sequence)
            XCTAssertEqual(DossierCode.parse(code)?.sequence, sequence, code)
        }
    }

    func testMalformedCodesAreRejected() {
        for bad in ["", "000.17.22.H56-210532-0001", "000.17.22.H56-210531-001", "000.17.22.H56-210531-00001",
                    "000.17.22.H56-210531-0000", "-210531-0001", "000.17.22.H56-21053-0001", "000 17-210531-0001",
                    "x-y-210531-0001", "000.17.22.H56-210531-0001a", "000.17.22.H56_210531_0001"] {
            XCTAssertNil(DossierCode.parse(bad), bad)
        }
    }

    func testAgencyIdentifierReadsTheNationalFormat() throws {
        let id = try XCTUnwrap(AgencyIdentifier("000.17.22.H56"))
        XCTAssertEqual([id.level4, id.level3, id.level2], [0, 17, 22])
        XCTAssertEqual(id.root, "H56")
        XCTAssertEqual(id.text, "000.17.22.H56")
        for bad in ["000.17.22.h56", "00.17.22.H56", "000.17.22.H5", "000.17.22.H56.1", "000.1a.22.H56", "000.17.22.556", ""] {
            XCTAssertFalse(AgencyIdentifier.isValid(bad), bad)
        }
    }

    func testAgencyIdentifiersAreBuiltFromParts() throws {
        let province = try XCTUnwrap(AgencyIdentifier(root: AgencyIdentifier.quangNgai))
        XCTAssertEqual(province.text, "000.00.00.H55")
        let department = try XCTUnwrap(province.child(3))
        XCTAssertEqual(department.text, "000.00.03.H55")
        XCTAssertEqual(department.child(7)?.text, "000.07.03.H55")
        XCTAssertEqual(department.child(7)?.child(120)?.text, "120.07.03.H55")
        XCTAssertNil(department.child(7)?.child(120)?.child(1))
        XCTAssertNil(AgencyIdentifier(root: "H55", level2: 100))
        XCTAssertNil(AgencyIdentifier(root: "55H"))
    }
}
