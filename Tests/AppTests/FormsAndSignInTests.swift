import Foundation
import XCTest
@testable import App

/// The print views of TT 01/2018 (Mẫu 01, 05, 06) and the browser's sign-in without
/// JavaScript: fields filled from the dossier and its events, escaped, scoped like the API.
final class FormsAndSignInTests: AppTestCase {
    func receive(address: String? = nil) throws -> String {
        var intake = counterIntake()
        if let address, var applicant = intake["applicant"] as? [String: Any] {
            applicant["address"] = address
            intake["applicant"] = applicant
        }
        let reply = try call("POST", "/api/v1/dossiers", json: intake, token: try token("centre"))
        XCTAssertEqual(reply.status, 201, reply.text)
        return try XCTUnwrap(reply.json["code"] as? String)
    }

    func testReceiptMau01CarriesTheDossierTheAppointmentAndTheRegisterNumber_TT01_2018() throws {
        _ = try receive()
        let code = try receive(address: "Số 5 <Trần Hưng Đạo> & phường Nghĩa Chánh")
        let page = try call("GET", "/ho-so/\(code)/mau-01", token: try token("centre"))
        XCTAssertEqual(page.status, 200, page.text)
        XCTAssertEqual(page.headers["Content-Type"], "text/html; charset=utf-8")
        XCTAssertNotNil(page.headers["Content-Security-Policy"])
        let html = page.text
        for expected in ["GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Mã hồ sơ: \(code)", "Liên 1: Lưu", "Liên 2: Giao người nộp",
                         "Nguyễn Thị Ánh", "0905123456", "Cấp Phiếu lý lịch tư pháp", "10 ngày làm việc", "200.000 đồng",
                         "Quyển số: 2026, Số thứ tự: 2", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Người centre",
                         "Số 5 &lt;Trần Hưng Đạo&gt; &amp; phường Nghĩa Chánh", "/static/print-a5.css"] {
            XCTAssertTrue(html.contains(expected), "missing: \(expected)")
        }
        XCTAssertFalse(html.contains("<Trần Hưng Đạo>"), "the address is escaped")
        XCTAssertTrue(html.range(of: #"4\. Thời gian nhận hồ sơ: \d\d giờ \d\d phút, ngày \d+ tháng \d+ năm 20\d\d"#,
                                 options: .regularExpression) != nil, "the receipt time in the form's words")
    }

    func testFormsAreScopedLikeTheDossierAndAskAVisitorToSignIn() throws {
        let code = try receive()
        XCTAssertEqual(try call("GET", "/ho-so/\(code)/mau-01", token: try token("justice.specialist")).status, 200,
                       "the responsible agency's staff may print it")
        for user in ["health.specialist", "citizen2", "commune"] {
            let page = try call("GET", "/ho-so/\(code)/mau-05", token: try token(user))
            XCTAssertEqual(page.status, 404, user)
            XCTAssertTrue(page.text.contains("<html"), "a page for people, not JSON")
        }
        let anonymous = try call("GET", "/ho-so/\(code)/mau-01")
        XCTAssertEqual(anonymous.status, 303)
        XCTAssertEqual(anonymous.headers["Location"], "/dang-nhap?next=/ho-so/\(code)/mau-01")
        XCTAssertEqual(try call("GET", "/ho-so/000.00.50.H55-990101-0001/mau-01", token: try token("centre")).status, 404)
    }

    func testControlSlipMau05HasOneRowPerHandOverFromTheEvents() throws {
        let code = try receive()
        let page = try call("GET", "/ho-so/\(code)/mau-05", token: try token("centre"))
        XCTAssertEqual(page.status, 200, page.text)
        let html = page.text
        XCTAssertTrue(html.contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"))
        XCTAssertTrue(html.contains("Sở Tư pháp"), "the agency that handles it")
        XCTAssertTrue(html.contains("Người giao: Nguyễn Thị Ánh"), "the applicant hands the dossier to the desk")
        XCTAssertTrue(html.contains("Người nhận: Người centre"))
        XCTAssertTrue(html.contains("Trước hạn"), "received long before the due date")
        XCTAssertEqual(html.components(separatedBy: "<tr><td>").count - 1, 1, "one event, one row")
    }

    func testRegisterMau06NumbersTheDesksDossiersThroughTheYear() throws {
        let first = try receive()
        let second = try receive()
        let page = try call("GET", "/so-theo-doi", token: try token("centre"))
        XCTAssertEqual(page.status, 200, page.text)
        let html = page.text
        XCTAssertTrue(html.contains("SỔ THEO DÕI HỒ SƠ"))
        XCTAssertTrue(html.contains("/static/print-a4.css"))
        let firstRow = try XCTUnwrap(html.range(of: "<td class=\"num\">1</td><td>\(first)</td>"))
        let secondRow = try XCTUnwrap(html.range(of: "<td class=\"num\">2</td><td>\(second)</td>"))
        XCTAssertLessThan(firstRow.lowerBound, secondRow.lowerBound)
        let centreID = try XCTUnwrap(users["centre"]?.agencyID)
        XCTAssertEqual(try call("GET", "/so-theo-doi?agency_id=\(centreID)", token: try token("health.specialist")).status, 404)
        XCTAssertEqual(try call("GET", "/so-theo-doi?agency_id=\(centreID)", token: try token("monitor")).status, 200)
        XCTAssertEqual(try call("GET", "/so-theo-doi", token: try token("citizen")).status, 404)
        XCTAssertEqual(try call("GET", "/so-theo-doi?from=2025-12-01&to=2026-01-31", token: try token("centre")).status, 422)
        XCTAssertEqual(try call("GET", "/so-theo-doi?from=mai", token: try token("centre")).status, 422)
        let empty = try call("GET", "/so-theo-doi?from=2025-01-01&to=2025-01-31", token: try token("centre"))
        XCTAssertTrue(empty.text.contains("Không có hồ sơ tiếp nhận trong kỳ."))
    }

    // MARK: - Sign-in without JavaScript

    /// The sign-in page's double-submit token and its cookie.
    func signInForm() throws -> (csrf: String, cookie: String) {
        let page = try call("GET", "/dang-nhap?next=/so-theo-doi")
        XCTAssertEqual(page.status, 200)
        let cookie = try XCTUnwrap(page.headers["Set-Cookie"])
        XCTAssertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie)
        let value = try XCTUnwrap(cookie.split(separator: ";").first.map(String.init))
        let csrf = String(value.split(separator: "=", maxSplits: 1)[1])
        XCTAssertTrue(page.text.contains("name=\"_csrf\" value=\"\(csrf)\""))
        XCTAssertTrue(page.text.contains("<label for=\"password\">"))
        return (csrf, value)
    }

    func post(_ path: String, form: String, cookie: String?) throws -> Reply {
        try call("POST", path, rawBody: Array(form.utf8), contentType: "application/x-www-form-urlencoded",
                 headers: cookie.map { ["Cookie": $0] } ?? [:])
    }

    func testSignInPageOpensASessionAndGoesBackToThePageAsked() throws {
        let (csrf, cookie) = try signInForm()
        let reply = try post("/dang-nhap", form: "_csrf=\(csrf)&next=%2Fso-theo-doi&username=centre&password=\(Self.password)", cookie: cookie)
        XCTAssertEqual(reply.status, 303, reply.text)
        XCTAssertEqual(reply.headers["Location"], "/so-theo-doi")
        let session = try XCTUnwrap(reply.headers.values(for: "Set-Cookie").first { $0.hasPrefix("motcua_session=") })
        XCTAssertTrue(session.contains("HttpOnly") && session.contains("SameSite=Lax"))
        let sessionCookie = String(session.split(separator: ";")[0])
        XCTAssertEqual(try call("GET", "/so-theo-doi", headers: ["Cookie": sessionCookie]).status, 200)
    }

    func testSignInRefusesAForgedFormAWrongPasswordAndAForeignNext() throws {
        let (csrf, cookie) = try signInForm()
        let forged = try post("/dang-nhap", form: "_csrf=\(csrf)&username=centre&password=\(Self.password)", cookie: nil)
        XCTAssertEqual(forged.status, 403, "no double-submit cookie: login CSRF")
        XCTAssertNil(forged.headers["Set-Cookie"])
        let wrong = try post("/dang-nhap", form: "_csrf=\(csrf)&username=centre&password=sai-mat-khau", cookie: cookie)
        XCTAssertEqual(wrong.status, 401)
        XCTAssertTrue(wrong.text.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
        XCTAssertTrue(wrong.text.contains("value=\"centre\""), "the username is kept")
        let foreign = try post("/dang-nhap", form: "_csrf=\(csrf)&next=%2F%2Fevil.example&username=centre&password=\(Self.password)",
                               cookie: cookie)
        XCTAssertEqual(foreign.status, 303)
        XCTAssertEqual(foreign.headers["Location"], "/", "never a redirect to another site")
    }

    func testSignOutNeedsTheSessionsCSRFTokenAndEndsTheSession() throws {
        let signIn = try call("POST", "/api/v1/session", json: ["username": "centre", "password": Self.password])
        let token = try XCTUnwrap(signIn.json["token"] as? String)
        let csrf = try XCTUnwrap(signIn.json["csrf_token"] as? String)
        let cookie = "motcua_session=\(token)"
        XCTAssertEqual(try post("/dang-xuat", form: "", cookie: cookie).status, 403, "no CSRF token")
        let out = try post("/dang-xuat", form: "_csrf=\(csrf)", cookie: cookie)
        XCTAssertEqual(out.status, 303)
        XCTAssertEqual(try call("GET", "/so-theo-doi", headers: ["Cookie": cookie]).status, 303, "signed out: back to sign-in")
    }

    func testHomePageLeadsToTrackingAndSignIn() throws {
        let home = try call("GET", "/")
        XCTAssertEqual(home.status, 200)
        XCTAssertTrue(home.text.contains("href=\"/tra-cuu\""))
        XCTAssertTrue(home.text.contains("href=\"/dang-nhap\""))
        XCTAssertEqual(try call("GET", "/tra-cuu").status, 200, "the link leads somewhere")
    }
}
