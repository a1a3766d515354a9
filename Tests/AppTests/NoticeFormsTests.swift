import Foundation
import Storage
import XCTest
@testable import App
@testable import Domain

/// Mẫu 02, 03 and 04 of TT 01/2018 printed from what the real actions recorded, and the QR
/// code on Mẫu 01: content, escaping, scoping like the dossier, and 409 pages when the form
/// does not apply.
final class NoticeFormsTests: DossierActionTestCase {
    func page(_ code: String, _ form: String, as name: String = "centre") throws -> Reply {
        try call("GET", "/ho-so/\(code)/\(form)", token: try token(name))
    }

    func eventSeq(_ code: String, action: String) throws -> Int {
        try XCTUnwrap(try application.context.database.read {
            try $0.queryOne("""
                SELECT e.seq FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
                WHERE d.code = ? AND e.action = ? ORDER BY e.seq DESC LIMIT 1
                """, [SQLiteValue(code), SQLiteValue(action)])?.int("seq")
        })
    }

    func assertContains(_ html: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in expected {
            XCTAssertTrue(html.contains(text), "missing: \(text)", file: file, line: line)
        }
    }

    func testSupplementRequestMau02ListsTheMissingDocumentsTheReasonAndWhomToAsk() throws {
        let code = try submitOnline()
        let documents = try publishedDocuments()
        XCTAssertGreaterThanOrEqual(documents.count, 2)
        let missing = Array(documents.prefix(2))
        try expectOK(code, "request_supplement", ["missing": missing, "note": "Bản sao <mờ> & thiếu dấu"], as: "centre")
        let reply = try page(code, "mau-02")
        XCTAssertEqual(reply.status, 200, reply.text)
        let html = reply.text
        let seq = try eventSeq(code, action: "request_supplement")
        assertContains(html, ["PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                              "Số: \(seq)/HDHS", "Quảng Ngãi, ngày ", "Nguyễn Thị Ánh", "0905123456",
                              "Cấp Phiếu lý lịch tư pháp", "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau",
                              "<th>Bản chính</th><th>Bản chứng thực</th><th>Bản photo</th>",
                              "<td class=\"num\">1</td><td>\(HTML.escape(missing[0]))</td>",
                              "<td class=\"num\">2</td><td>\(HTML.escape(missing[1]))</td>",
                              "Lý do: Bản sao &lt;mờ&gt; &amp; thiếu dấu", "NGƯỜI HƯỚNG DẪN", "Người centre",
                              ReferenceData.centreName, "/static/print-a5.css"])
        XCTAssertFalse(html.contains("<mờ>"), "the note is escaped")
        XCTAssertFalse(html.contains("<td class=\"num\">3</td>"), "only the documents asked for")
        for other in documents.dropFirst(2) {
            XCTAssertFalse(html.contains("<td>\(HTML.escape(other))</td>"), "not asked: \(other)")
        }
    }

    func testSupplementRequestMau02IsA409PageWithoutARequest() throws {
        let code = try receiveAtCounter()
        let reply = try page(code, "mau-02")
        XCTAssertEqual(reply.status, 409)
        XCTAssertTrue(reply.text.contains("<html"), "a page for people")
        XCTAssertTrue(reply.text.contains("chưa có yêu cầu bổ sung"), reply.text)
    }

    func testRefusalMau03PrintsTheReasonAndTheReceivingOfficer() throws {
        let code = try submitOnline()
        try expectOK(code, "refuse", ["reason": "Không thuộc thẩm quyền <Sở Y tế> & \"khác\""], as: "centre")
        let reply = try page(code, "mau-03")
        XCTAssertEqual(reply.status, 200, reply.text)
        let html = reply.text
        assertContains(html, ["PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Mã hồ sơ: \(code)", "Quảng Ngãi, ngày ",
                              "Nguyễn Thị Ánh", "Cấp Phiếu lý lịch tư pháp",
                              "Lý do: Không thuộc thẩm quyền &lt;Sở Y tế&gt; &amp; &quot;khác&quot;",
                              "Xin thông báo để Ông/Bà được biết và thực hiện", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Người centre",
                              ReferenceData.centreName])
        XCTAssertFalse(html.contains("<Sở Y tế>"))
        XCTAssertEqual(try page(code, "mau-03", as: "citizen").status, 200, "the applicant may print it")
        XCTAssertEqual(try page(code, "mau-03", as: "citizen2").status, 404)
    }

    func testRefusalMau03IsA409PageForADossierThatWasNotRefused() throws {
        let code = try receiveAtCounter()
        let reply = try page(code, "mau-03")
        XCTAssertEqual(reply.status, 409)
        XCTAssertTrue(reply.text.contains("không bị từ chối tiếp nhận"), reply.text)
    }

    func testApologyMau04GivesTheOriginalAppointmentTheReasonAndTheNewDate_ND61_D19_9() throws {
        let code = try receiveAtCounter()
        XCTAssertEqual(try page(code, "mau-04").status, 409, "no apology yet")
        let before = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre")).json
        let due = try date(before, "due_at")
        let newDue = application.context.calendar.adding(workingMinutes: 2 * 450, to: due)
        try expectOK(code, "apologize", ["new_due_at": VietnamTime.format(newDue), "reason": "Chờ <xác minh> của Công an"],
                     as: "centre")
        let reply = try page(code, "mau-04")
        XCTAssertEqual(reply.status, 200, reply.text)
        let html = reply.text
        assertContains(html, ["PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Kính gửi: Ông/Bà <b>Nguyễn Thị Ánh</b>",
                              "mã hồ sơ <b>\(code)</b>", "Cấp Phiếu lý lịch tư pháp", ReferenceData.centreName,
                              "Thời gian hẹn trả kết quả giải quyết hồ sơ: \(FormText.longTime(due))",
                              "Lý do: Chờ &lt;xác minh&gt; của Công an", "xin lỗi Ông/Bà",
                              "hẹn lại thời gian trả kết quả vào: <b>\(FormText.longTime(newDue))</b>",
                              "THỦ TRƯỞNG CƠ QUAN", "<div>Sở Tư pháp</div>", "SỞ TƯ PHÁP"])
        XCTAssertNotEqual(FormText.longTime(due), FormText.longTime(newDue))
        XCTAssertFalse(html.contains("<xác minh>"))
        for user in ["health.specialist", "citizen2", "commune"] {
            XCTAssertEqual(try page(code, "mau-04", as: user).status, 404, user)
        }
        XCTAssertEqual(try call("GET", "/ho-so/\(code)/mau-04").status, 303, "a visitor is sent to sign in")
    }

    func testReceiptMau01CarriesAQRCodeOfTheTrackingAddress() throws {
        let code = try receiveAtCounter()
        let reply = try page(code, "mau-01")
        XCTAssertEqual(reply.status, 200, reply.text)
        let html = reply.text
        let url = "http://127.0.0.1/tra-cuu?ma=\(code)"
        XCTAssertTrue(html.contains(url), "the address is printed beside the code")
        XCTAssertFalse(html.contains("<img"), "inline SVG, no image to load")
        XCTAssertEqual(html.components(separatedBy: "<svg class=\"qr\"").count - 1, 2, "one per copy")
        // The path's unit squares are exactly the dark modules of the address's symbol.
        let start = try XCTUnwrap(html.range(of: "<path fill=\"#000\" d=\""))
        let end = try XCTUnwrap(html.range(of: "\"", range: start.upperBound..<html.endIndex))
        let squares = html[start.upperBound..<end.lowerBound].components(separatedBy: "h1v1h-1z").filter { !$0.isEmpty }
        let drawn = Set(squares.map { square -> [Int] in
            square.dropFirst().split(separator: " ").compactMap { Int($0) }
        })
        let symbol = try QRCode.encode(url, level: .medium)
        var expected = Set<[Int]>()
        for row in 0..<symbol.size {
            for column in 0..<symbol.size where symbol.isDark(row: row, column: column) {
                expected.insert([column + 4, row + 4])
            }
        }
        XCTAssertEqual(drawn, expected)
        XCTAssertTrue(html.contains("viewBox=\"0 0 \(symbol.size + 8) \(symbol.size + 8)\""))
    }
}
