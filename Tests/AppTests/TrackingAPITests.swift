import Foundation
import XCTest
@testable import App

/// `GET /api/v1/track/{code}?id_number=`: public tracking without login (API.md).
final class TrackingAPITests: AppTestCase {
    func testTrackingShowsProgressWithoutPersonalData() throws {
        let code = try receivedDossier(idNumber: "051190001234")
        let reply = try call("GET", "/api/v1/track/\(code)?id_number=051190001234")
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(Set(reply.json.keys), ["code", "procedure_name", "status", "received_at", "due_at", "timing", "steps"])
        XCTAssertEqual(reply.json["code"] as? String, code)
        XCTAssertEqual(reply.json["status"] as? String, "received")
        XCTAssertEqual(reply.json["timing"] as? String, "within")
        let steps = try XCTUnwrap(reply.json["steps"] as? [[String: Any]])
        XCTAssertEqual(steps.map { $0["action"] as? String }, ["receive"])
        XCTAssertEqual(Set(steps.first?.keys.map { $0 } ?? []), ["at", "action"])
        XCTAssertFalse(reply.text.contains("Nguyễn Thị Ánh"))
        XCTAssertFalse(reply.text.contains("0905123456"))
        XCTAssertFalse(reply.text.contains("051190001234"))
    }

    func testUnknownCodeAndWrongNumberGetTheSame404() throws {
        let code = try receivedDossier(idNumber: "051190001234")
        let wrong = try call("GET", "/api/v1/track/\(code)?id_number=051190009999")
        let unknown = try call("GET", "/api/v1/track/000.00.50.H55-990101-0001?id_number=051190001234")
        XCTAssertEqual(wrong.status, 404)
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(wrong.body, unknown.body)
    }

    func testMissingNumberIs422() throws {
        let reply = try call("GET", "/api/v1/track/x")
        XCTAssertEqual(reply.status, 422)
        XCTAssertNotNil(reply.fieldErrors["id_number"])
    }

    func testGuessingIsRateLimitedPerAddress() throws {
        let code = try receivedDossier(idNumber: "051190001234")
        for guess in 0..<10 {
            XCTAssertEqual(try call("GET", "/api/v1/track/\(code)?id_number=0511900100\(10 + guess)").status, 404)
        }
        let blocked = try call("GET", "/api/v1/track/\(code)?id_number=051190001234")
        XCTAssertEqual(blocked.status, 429)
        XCTAssertEqual(blocked.errorCode, "rate_limited")
    }
}
