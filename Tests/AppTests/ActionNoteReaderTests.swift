import Foundation
import XCTest
@testable import App
@testable import Domain

/// Reading the supplement, refusal and apology parameters back from event notes in the
/// format `DossierStore.perform` writes ("detail — note").
final class ActionNoteReaderTests: XCTestCase {
    let published = ["Tờ khai", "Tờ khai; bản kê khai bổ sung", "Giấy tờ — bản sao", "Ảnh 4x6"]

    func testNamesContainingTheSeparatorsAreReadWholeAgainstThePublishedList() {
        let note = "Yêu cầu bổ sung: Tờ khai; bản kê khai bổ sung; Giấy tờ — bản sao — Ảnh mờ; thiếu dấu"
        let read = ActionNoteReader.supplementRequest(note, published: published)
        XCTAssertEqual(read.missing, ["Tờ khai; bản kê khai bổ sung", "Giấy tờ — bản sao"])
        XCTAssertEqual(read.note, "Ảnh mờ; thiếu dấu")
    }

    func testAShorterNameThatPrefixesALongerOneIsStillFound() {
        let read = ActionNoteReader.supplementRequest("Yêu cầu bổ sung: Tờ khai; Ảnh 4x6", published: published)
        XCTAssertEqual(read.missing, ["Tờ khai", "Ảnh 4x6"])
        XCTAssertNil(read.note)
    }

    func testNamesNoLongerPublishedFallBackToSplittingTheDetail() {
        let read = ActionNoteReader.supplementRequest("Yêu cầu bổ sung: Sổ hộ khẩu; Giấy khai sinh — Cần bản chính",
                                                      published: published)
        XCTAssertEqual(read.missing, ["Sổ hộ khẩu", "Giấy khai sinh"])
        XCTAssertEqual(read.note, "Cần bản chính")
    }

    func testRefusalReasonDropsItsLabel() {
        XCTAssertEqual(ActionNoteReader.reason("Lý do: Không thuộc thẩm quyền"), "Không thuộc thẩm quyền")
        XCTAssertEqual(ActionNoteReader.reason(nil), "")
    }

    func testApologyGivesTheNewDateAndTheReason() throws {
        let due = try XCTUnwrap(VietnamTime.parse("2026-12-10T17:00:00+07:00"))
        let note = "Hẹn lại: \(VietnamTime.display(due)). Lý do: Chờ xác minh. Hết hạn — gọi trước"
        let read = ActionNoteReader.apology(note)
        XCTAssertEqual(read.newDueAt, due)
        XCTAssertEqual(read.reason, "Chờ xác minh. Hết hạn — gọi trước")
        XCTAssertNil(ActionNoteReader.apology("Hẹn lại: sớm. Lý do: x").newDueAt)
        XCTAssertEqual(ActionNoteReader.apology("Hẹn lại: sớm. Lý do: x").reason, "x")
    }
}
