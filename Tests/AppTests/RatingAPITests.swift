import Foundation
import XCTest
@testable import App

/// `POST /api/v1/dossiers/{code}/rating` (API.md; TT 01/2018 Đ14 indices 3, 4, 7 and the
/// like/dislike of QĐ 766/QĐ-TTg).
final class RatingAPITests: AppTestCase {
    static var good: [String: Any] { ["criteria": ["contacts": 2, "organisations": 2, "attitude": 1, "satisfied": true],
                                      "comment": "Cán bộ nhiệt tình."] }

    func testTheOwnerRatesAReturnedDossierOnceAndSatisfactionCounts() throws {
        let code = try onlineDossier()
        let early = try call("POST", "/api/v1/dossiers/\(code)/rating", json: Self.good, token: try token("citizen"))
        XCTAssertEqual(early.status, 409)
        XCTAssertEqual(early.errorCode, "invalid_transition")
        try setStatus("returned", of: code)
        let reply = try call("POST", "/api/v1/dossiers/\(code)/rating", json: Self.good, token: try token("citizen"))
        XCTAssertEqual(reply.status, 201, reply.text)
        XCTAssertEqual((reply.json["criteria"] as? [String: Any])?["attitude"] as? Int, 1)
        let again = try call("POST", "/api/v1/dossiers/\(code)/rating", json: Self.good, token: try token("citizen"))
        XCTAssertEqual(again.status, 409)
        XCTAssertEqual(again.errorCode, "conflict")
        let summary = try call("GET", "/api/v1/stats/summary", token: try token("monitor"))
        XCTAssertEqual(summary.json["satisfaction_rate"] as? Double, 1.0)
    }

    func testTheApplicantMayRateWithTheirNumberWithoutSigningIn() throws {
        let code = try receivedDossier(idNumber: "051190001234")
        try setStatus("returned", of: code)
        var body = Self.good
        body["id_number"] = "051190009999"
        XCTAssertEqual(try call("POST", "/api/v1/dossiers/\(code)/rating", json: body).status, 404)
        body["id_number"] = "051190001234"
        var dislike = body
        dislike["criteria"] = ["contacts": 0, "organisations": 1, "attitude": 0, "satisfied": false]
        XCTAssertEqual(try call("POST", "/api/v1/dossiers/\(code)/rating", json: dislike).status, 201)
        let summary = try call("GET", "/api/v1/stats/summary", token: try token("monitor"))
        XCTAssertEqual(summary.json["satisfaction_rate"] as? Double, 0.0)
    }

    func testSomeoneElseGets404() throws {
        let code = try onlineDossier()
        try setStatus("returned", of: code)
        XCTAssertEqual(try call("POST", "/api/v1/dossiers/\(code)/rating", json: Self.good, token: try token("citizen2")).status, 404)
        XCTAssertEqual(try call("POST", "/api/v1/dossiers/\(code)/rating", json: Self.good, token: try token("centre")).status, 404)
        XCTAssertEqual(try call("POST", "/api/v1/dossiers/\(code)/rating", json: Self.good).status, 404)
        XCTAssertEqual(try count("ratings"), 0)
    }

    func testMissingOrOutOfRangeCriteriaAreListed() throws {
        let code = try onlineDossier()
        try setStatus("returned", of: code)
        let bad: [String: Any] = ["criteria": ["contacts": 3, "organisations": "2", "attitude": true]]
        let reply = try call("POST", "/api/v1/dossiers/\(code)/rating", json: bad, token: try token("citizen"))
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(reply.errorCode, "validation_failed")
        XCTAssertEqual(Set(reply.fieldErrors.keys),
                       ["criteria.contacts", "criteria.organisations", "criteria.attitude", "criteria.satisfied"])
        XCTAssertEqual(reply.fieldErrors["criteria.contacts"], "Điểm đánh giá phải là 0, 1 hoặc 2.")
        XCTAssertEqual(reply.fieldErrors["criteria.satisfied"], "Thiếu lựa chọn hài lòng hoặc không hài lòng.")
        let none = try call("POST", "/api/v1/dossiers/\(code)/rating", json: ["comment": "x"], token: try token("citizen"))
        XCTAssertEqual(none.status, 422)
        XCTAssertNotNil(none.fieldErrors["criteria"])
        XCTAssertEqual(try count("ratings"), 0)
    }
}
