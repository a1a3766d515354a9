import Foundation
import TestSupport
import XCTest
@testable import App

/// Health, statistics, static files, errors and headers of the running app.
final class PlatformAPITests: AppTestCase {
    func testHealthzAnswersOkAsPlainText() throws {
        let reply = try call("GET", "/healthz")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.text, "ok")
        XCTAssertTrue(reply.headers["Content-Type"]?.hasPrefix("text/plain") == true)
        XCTAssertEqual(reply.headers["X-Content-Type-Options"], "nosniff")
    }

    func testStatsSummaryHasTheAPIShapeAndCountsIntakes() throws {
        let token = try token("centre")
        for _ in 0..<3 { XCTAssertEqual(try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token).status, 201) }
        let reply = try call("GET", "/api/v1/stats/summary", token: token)
        XCTAssertEqual(reply.status, 200, reply.text)
        for key in ["received", "resolved", "in_progress", "withdrawn", "refused", "online_rate", "on_time_rate",
                    "digitization_rate", "satisfaction_rate", "by_agency"] {
            XCTAssertNotNil(reply.json[key], key)
        }
        let received = try XCTUnwrap(reply.json["received"] as? [String: Any])
        XCTAssertEqual(received["total"] as? Int, 3)
        XCTAssertEqual(received["counter"] as? Int, 3)
        XCTAssertEqual((reply.json["in_progress"] as? [String: Any])?["within"] as? Int, 3)
        XCTAssertEqual(reply.json["online_rate"] as? Double, 0)
        let byAgency = try XCTUnwrap(reply.json["by_agency"] as? [[String: Any]])
        XCTAssertEqual(byAgency.count, 1)
        XCTAssertEqual(byAgency.first?["agency_name"] as? String, "Sở Tư pháp")
    }

    func testStatsAreScopedToTheCallersAgency() throws {
        XCTAssertEqual(try call("POST", "/api/v1/dossiers", json: counterIntake(), token: try token("centre")).status, 201)
        let health = try call("GET", "/api/v1/stats/summary", token: try token("health.specialist"))
        XCTAssertEqual((health.json["received"] as? [String: Any])?["total"] as? Int, 0)
        let monitor = try call("GET", "/api/v1/stats/summary", token: try token("monitor"))
        XCTAssertEqual((monitor.json["received"] as? [String: Any])?["total"] as? Int, 1)
        XCTAssertEqual(try call("GET", "/api/v1/stats/summary", token: try token("citizen")).status, 403)
    }

    func testStatsRejectABadPeriod() throws {
        let reply = try call("GET", "/api/v1/stats/summary?from=hom-qua", token: try token("monitor"))
        XCTAssertEqual(reply.status, 422)
        XCTAssertNotNil(reply.fieldErrors["from"])
    }

    func testStaticStylesheetIsServedWithItsType() throws {
        let reply = try call("GET", "/static/app.css")
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.headers["Content-Type"]?.hasPrefix("text/css") == true)
        let file = try Data(contentsOf: URL(fileURLWithPath: Self.repositoryRoot + "/Public/app.css"))
        XCTAssertEqual(reply.body, Array(file))
    }

    func testUnknownAPIPathIsJSON404AndUnknownPageIsVietnameseHTML() throws {
        let api = try call("GET", "/api/v1/khong-co")
        XCTAssertEqual(api.status, 404)
        XCTAssertEqual(api.errorCode, "not_found")
        let page = try call("GET", "/khong-co")
        XCTAssertEqual(page.status, 404)
        XCTAssertTrue(page.headers["Content-Type"]?.hasPrefix("text/html") == true)
        XCTAssertTrue(page.text.contains("Không tìm thấy trang"))
        XCTAssertNotNil(page.headers["Content-Security-Policy"])
        XCTAssertEqual(page.headers["X-Frame-Options"], "DENY")
    }

    func testWrongMethodIs405WithAllow() throws {
        let reply = try call("PUT", "/api/v1/stats/summary", json: [:])
        XCTAssertEqual(reply.status, 405)
        XCTAssertEqual(reply.headers["Allow"]?.contains("GET"), true)
    }

    func testHomePageIsVietnameseHTML() throws {
        let reply = try call("GET", "/")
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.text.contains("<html lang=\"vi\">"))
        XCTAssertTrue(reply.text.contains("Dịch vụ công một cửa"))
    }
}

/// The OpenAPI description is served and names exactly routes that exist.
final class OpenAPITests: AppTestCase {
    func testOpenAPIDocumentIsServedAndValidJSON() throws {
        let reply = try call("GET", "/api/v1/openapi.json")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.json["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(reply.json["paths"] as? [String: [String: Any]])
        let documented = Set(OpenAPIDocument.operations.map { "\($0.method) \($0.path)" })
        let listed = Set(paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
        XCTAssertEqual(listed, documented)
    }

    func testEveryDocumentedOperationIsRouted() throws {
        for (method, path) in OpenAPIDocument.operations {
            let reply = try call(method.uppercased(), path.replacingOccurrences(of: "{code}", with: "x"), rawBody: [])
            XCTAssertNotEqual(reply.status, 405, "\(method) \(path)")
            XCTAssertFalse(reply.status == 404 && reply.errorCode == "not_found" && reply.json["error"] != nil
                           && !["/api/v1/dossiers/{code}", "/api/v1/procedures/{code}"].contains(path),
                           "\(method) \(path) is not routed")
        }
    }
}

/// Errors the HTTP layer answers itself carry the API's JSON error shape (Application wires
/// `protocolErrorResponse`), and the connection closes where framing is unknown.
final class ProtocolErrorTests: AppTestCase {
    func rawExchange(_ bytes: String) throws -> (RawResponse, Bool) {
        let client = try RawHTTPClient(port: port)
        try client.send(bytes)
        let response = try client.readResponse()
        return (response, try client.isClosedByPeer())
    }

    func json(_ response: RawResponse) -> [String: Any] {
        ((try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any])?["error"] as? [String: Any] ?? [:]
    }

    func testConflictingFramingIsJSONBadRequestAndCloses() throws {
        let (response, closed) = try rawExchange(
            "POST /api/v1/dossiers HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        XCTAssertEqual(response.status, 400)
        XCTAssertEqual(json(response)["code"] as? String, "bad_request")
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertTrue(closed)
    }

    func testOversizedBodyIsRefusedBeforeItIsSent() throws {
        // Only the head is sent: the 413 must come without the 2 MiB body.
        let (response, closed) = try rawExchange(
            "POST /api/v1/dossiers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n")
        XCTAssertEqual(response.status, 413)
        XCTAssertEqual(json(response)["code"] as? String, "payload_too_large")
        XCTAssertFalse((json(response)["message"] as? String ?? "").isEmpty)
        XCTAssertTrue(closed)
    }

    func testUnsupportedVersionIs505JSON() throws {
        let (response, _) = try rawExchange("GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n")
        XCTAssertEqual(response.status, 505)
        XCTAssertEqual(json(response)["code"] as? String, "http_version_not_supported")
    }
}
