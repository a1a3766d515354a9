import Foundation
import XCTest
@testable import App
@testable import Domain

/// `GET /tra-cuu`: the public tracking page Mẫu 01's QR code opens, with the API's matching
/// rule (code and CCCD number) and its throttle.
final class TrackingPageTests: AppTestCase {
    func receive() throws -> String {
        let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: try token("centre"))
        XCTAssertEqual(reply.status, 201, reply.text)
        return try XCTUnwrap(reply.json["code"] as? String)
    }

    func testTheCodeFromTheQRCodeFillsTheFormAndAsksForTheNumber() throws {
        let code = try receive()
        let reply = try call("GET", "/tra-cuu?ma=\(code)")
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.headers["Content-Type"], "text/html; charset=utf-8")
        XCTAssertTrue(reply.text.contains("<input id=\"ma\" name=\"ma\" value=\"\(code)\""))
        XCTAssertTrue(reply.text.contains("name=\"cccd\""))
        XCTAssertFalse(reply.text.contains("Quá trình xử lý"), "no result without the number")
        XCTAssertFalse(reply.text.contains("<script"), "no JavaScript")
    }

    func testTheRightNumberShowsTheProgressWithoutPersonalData() throws {
        let code = try receive()
        let reply = try call("GET", "/tra-cuu?ma=\(code)&cccd=051190001234")
        XCTAssertEqual(reply.status, 200, reply.text)
        let html = reply.text
        for expected in ["Hồ sơ \(code)", "Cấp Phiếu lý lịch tư pháp", DossierStatus.received.label, "Trong hạn",
                         "Quá trình xử lý", "Tiếp nhận hồ sơ"] {
            XCTAssertTrue(html.contains(expected), "missing: \(expected)")
        }
        XCTAssertFalse(html.contains("Nguyễn Thị Ánh"), "no name")
        XCTAssertFalse(html.contains("0905123456"), "no phone")
    }

    func testAWrongNumberIsA404PageWithTheFormAndTheInputEscaped() throws {
        let code = try receive()
        let wrong = try call("GET", "/tra-cuu?ma=\(code)&cccd=051190009999")
        XCTAssertEqual(wrong.status, 404)
        XCTAssertTrue(wrong.text.contains("Không tìm thấy hồ sơ với mã và số CCCD đã nhập."))
        XCTAssertTrue(wrong.text.contains("name=\"cccd\" value=\"051190009999\""))
        let hostile = try call("GET", "/tra-cuu?ma=%3Cscript%3Ex%3C%2Fscript%3E%22&cccd=1")
        XCTAssertEqual(hostile.status, 404)
        XCTAssertTrue(hostile.text.contains("value=\"&lt;script&gt;x&lt;/script&gt;&quot;\""))
        XCTAssertFalse(hostile.text.contains("<script>x"))
        XCTAssertEqual(try call("GET", "/tra-cuu?ma=\(code)&cccd=").status, 422)
    }

    func testGuessesOnThePageCountAgainstTheSameThrottleAsTheAPI() throws {
        let code = try receive()
        for guess in 0..<10 {
            XCTAssertEqual(try call("GET", "/tra-cuu?ma=\(code)&cccd=0511900100\(10 + guess)").status, 404)
        }
        let page = try call("GET", "/tra-cuu?ma=\(code)&cccd=051190001234")
        XCTAssertEqual(page.status, 429)
        XCTAssertTrue(page.text.contains("tra cứu sai quá nhiều lần"))
        XCTAssertEqual(try call("GET", "/api/v1/track/\(code)?id_number=051190001234").status, 429)
    }
}
