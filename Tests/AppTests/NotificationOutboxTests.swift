import Foundation
import XCTest
@testable import App
@testable import Domain

/// The notices to applicants (ISSUE 3 item 11): written in the same transaction as the event
/// that concerns the applicant, in Vietnamese, SMS short with the code and the date.
final class NotificationOutboxTests: DossierActionTestCase {
    func testCounterReceiptQueuesAnSMSAndAnEmailWithCodeAndDueDate_TT01_Mau01() throws {
        let code = try receiveAtCounter(email: "anh@example.vn")
        let read = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre")).json
        let due = VietnamTime.display(try date(read, "due_at"))
        let rows = try notices(code)
        XCTAssertEqual(rows.map(\.channel), ["sms", "email"])
        XCTAssertEqual(rows.map(\.recipient), ["0905123456", "anh@example.vn"])
        XCTAssertEqual(Set(rows.map(\.action)), ["receive"])
        let sms = rows[0].body
        XCTAssertTrue(sms.contains(code) && sms.contains(due), sms)
        XCTAssertLessThanOrEqual(sms.count, NotificationTexts.smsTargetLength, sms)
        XCTAssertTrue(rows[1].body.contains("Kính gửi Ông/Bà Nguyễn Thị Ánh"), rows[1].body)
    }

    func testNoEmailIsQueuedWithoutAnAddress() throws {
        let code = try receiveAtCounter()
        XCTAssertEqual(try notices(code).map(\.channel), ["sms"])
    }

    func testEventsThatConcernTheApplicantQueueNoticesAndOthersDoNot() throws {
        let code = try submitOnline()
        XCTAssertTrue(try notices(code).isEmpty, "a submission is not yet received")
        let published = try publishedDocuments()
        try expectOK(code, "request_supplement", ["missing": [published[0]]], as: "centre")
        try expectOK(code, "supplement", as: "citizen")
        let accepted = try expectOK(code, "accept", as: "centre")
        try expectOK(code, "assign", ["user_id": try userID("justice.leader")], as: "centre")
        try expectOK(code, "request_supplement", ["missing": published], as: "justice.leader")
        let resumed = try expectOK(code, "supplement", as: "citizen")
        let due = try date(resumed, "due_at")
        let newDue = application.context.calendar.adding(workingMinutes: 450, to: due)
        try expectOK(code, "apologize", ["new_due_at": VietnamTime.format(newDue), "reason": "Chờ ý kiến"], as: "justice.leader")
        try expectOK(code, "complete", ["result": ["summary": "Xong"]], as: "justice.leader")
        try expectOK(code, "deliver", ["via": "online"], as: "centre")

        let rows = try notices(code)
        XCTAssertEqual(rows.map(\.action), ["request_supplement", "accept", "request_supplement", "supplement", "apologize", "complete"])
        XCTAssertEqual(Set(rows.map(\.channel)), ["sms"])
        XCTAssertTrue(rows[0].body.contains(published[0]) || rows[0].body.contains("1 giấy tờ"), rows[0].body)
        XCTAssertTrue(rows[1].body.contains(VietnamTime.display(try date(accepted, "due_at"))), rows[1].body)
        XCTAssertTrue(rows[2].body.contains("tạm dừng"), rows[2].body)
        XCTAssertTrue(rows[3].body.contains(VietnamTime.display(due)), rows[3].body)
        XCTAssertTrue(rows[4].body.contains(VietnamTime.display(newDue)), rows[4].body)
        XCTAssertTrue(rows[5].body.contains("đã có kết quả"), rows[5].body)
        for row in rows {
            XCTAssertTrue(row.body.contains(code), row.body)
            XCTAssertLessThanOrEqual(row.body.count, NotificationTexts.smsTargetLength, row.body)
        }
    }

    func testLongSupplementListFallsBackToACountInTheSMSButIsCompleteInTheEmail() {
        let subject = NotificationTexts.Subject(code: "000.00.50.H55-261124-0001", applicantName: "Trần Văn B",
                                                procedureName: "Cấp Phiếu lý lịch tư pháp")
        let missing = (1...6).map { "Bản sao giấy tờ chứng minh số \($0) có chứng thực" }
        let message = NotificationTexts.supplementRequested(subject, missing: missing, duringProcessing: false)
        XCTAssertLessThanOrEqual(message.sms.count, NotificationTexts.smsTargetLength, message.sms)
        XCTAssertTrue(message.sms.contains("6 giấy tờ"), message.sms)
        for name in missing { XCTAssertTrue(message.email.contains(name)) }
    }
}
