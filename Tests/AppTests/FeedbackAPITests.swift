import Foundation
import XCTest
@testable import App

/// Feedback (phản ánh, kiến nghị; API.md "Feedback"): anonymous intake, agency-scoped list,
/// answer by the agency concerned.
final class FeedbackAPITests: AppTestCase {
    func send(_ body: [String: Any]) throws -> Reply {
        try call("POST", "/api/v1/feedback", json: body)
    }

    func feedback(about code: String? = nil, content: String = "Cán bộ hẹn trả kết quả nhưng chưa trả.") -> [String: Any] {
        var body: [String: Any] = ["content": content, "contact": ["full_name": "Lê Văn Cường", "phone": "0905 111 222"]]
        if let code { body["dossier_code"] = code }
        return body
    }

    func testFeedbackAboutADossierReachesItsAgencyOnly() throws {
        let code = try receivedDossier()
        let sent = try send(feedback(about: code))
        XCTAssertEqual(sent.status, 201, sent.text)
        XCTAssertEqual(sent.json["status"] as? String, "open")
        let id = try XCTUnwrap(sent.json["id"] as? Int)

        let justice = try call("GET", "/api/v1/feedback", token: try token("justice.specialist"))
        XCTAssertEqual(justice.status, 200, justice.text)
        let items = try XCTUnwrap(justice.json["items"] as? [[String: Any]])
        XCTAssertEqual(items.map { $0["id"] as? Int }, [id])
        XCTAssertEqual(items.first?["dossier_code"] as? String, code)
        XCTAssertEqual((items.first?["contact"] as? [String: Any])?["phone"] as? String, "0905111222")
        XCTAssertTrue(justice.json.keys.contains("next_cursor"))
        XCTAssertEqual((try call("GET", "/api/v1/feedback", token: try token("health.specialist")).json["items"] as? [Any])?.count, 0)
        XCTAssertEqual((try call("GET", "/api/v1/feedback", token: try token("monitor")).json["items"] as? [Any])?.count, 1)
        XCTAssertEqual(try call("GET", "/api/v1/feedback", token: try token("citizen")).status, 403)
        XCTAssertEqual(try call("GET", "/api/v1/feedback").status, 401)
    }

    func testTheAgencyConcernedAnswersOnce() throws {
        let id = try XCTUnwrap(try send(feedback(about: try receivedDossier())).json["id"] as? Int)
        let answer: [String: Any] = ["answer": "Sở đã kiểm tra và trả kết quả ngày 15/3.", "publish": true]
        XCTAssertEqual(try call("POST", "/api/v1/feedback/\(id)/answer", json: answer, token: try token("health.specialist")).status, 404)
        XCTAssertEqual(try call("POST", "/api/v1/feedback/\(id)/answer", json: answer, token: try token("monitor")).status, 403)
        let missing = try call("POST", "/api/v1/feedback/\(id)/answer", json: ["answer": " "], token: try token("justice.specialist"))
        XCTAssertEqual(missing.status, 422)
        XCTAssertEqual(Set(missing.fieldErrors.keys), ["answer", "publish"])
        let reply = try call("POST", "/api/v1/feedback/\(id)/answer", json: answer, token: try token("justice.specialist"))
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["status"] as? String, "answered")
        XCTAssertEqual(reply.json["publish"] as? Bool, true)
        let again = try call("POST", "/api/v1/feedback/\(id)/answer", json: answer, token: try token("justice.specialist"))
        XCTAssertEqual(again.status, 409)
        let answered = try call("GET", "/api/v1/feedback?status=answered", token: try token("monitor"))
        XCTAssertEqual((answered.json["items"] as? [[String: Any]])?.map { $0["id"] as? Int }, [id])
        XCTAssertEqual((try call("GET", "/api/v1/feedback?status=open", token: try token("monitor")).json["items"] as? [Any])?.count, 0)
        XCTAssertEqual(try call("GET", "/api/v1/feedback?status=closed", token: try token("monitor")).status, 422)
    }

    /// An anonymous sender cannot learn from the answer whether a dossier code exists: a
    /// well-formed unknown code is accepted like a real one and kept, unlinked, for the
    /// provincial office to route.
    func testAnUnknownDossierCodeIsAnsweredLikeAKnownOne() throws {
        let real = try send(feedback(about: try receivedDossier()))
        let unknown = try send(feedback(about: "000.00.50.H55-250101-0999"))
        XCTAssertEqual(unknown.status, real.status)
        XCTAssertEqual(Set(unknown.json.keys), Set(real.json.keys))
        XCTAssertEqual(unknown.json["status"] as? String, "open")
        let items = try XCTUnwrap(try call("GET", "/api/v1/feedback", token: try token("monitor")).json["items"] as? [[String: Any]])
        let kept = try XCTUnwrap(items.first { $0["id"] as? Int == unknown.json["id"] as? Int })
        XCTAssertEqual(kept["dossier_code"] as? String, "000.00.50.H55-250101-0999", "kept as given")
        XCTAssertTrue(kept["agency_id"] is NSNull, "routed by the provincial office")
        XCTAssertEqual((try call("GET", "/api/v1/feedback", token: try token("justice.specialist")).json["items"] as? [Any])?.count, 1,
                       "only the real dossier's item reaches Sở Tư pháp")
    }

    func testInvalidFeedbackListsEveryProblem() throws {
        let reply = try send(["content": "", "contact": ["phone": "12", "email": "khong-hop-le"], "dossier_code": "KHONG-CO", "agency_id": 999999])
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(Set(reply.fieldErrors.keys),
                       ["content", "contact.full_name", "contact.phone", "contact.email", "dossier_code", "agency_id"])
        XCTAssertEqual(try count("feedback"), 0)
    }

    func testFeedbackIsRateLimitedPerAddress() throws {
        for index in 0..<10 { XCTAssertEqual(try send(feedback(content: "Phản ánh số \(index)")).status, 201) }
        let blocked = try send(feedback())
        XCTAssertEqual(blocked.status, 429)
        XCTAssertEqual(blocked.errorCode, "rate_limited")
        XCTAssertEqual(try count("feedback"), 10)
    }

    func testTheListPagesWithACursor() throws {
        for index in 0..<3 { XCTAssertEqual(try send(feedback(content: "Phản ánh \(index)")).status, 201) }
        let first = try call("GET", "/api/v1/feedback?limit=2", token: try token("monitor"))
        XCTAssertEqual((first.json["items"] as? [Any])?.count, 2)
        let cursor = try XCTUnwrap(first.json["next_cursor"] as? String)
        let second = try call("GET", "/api/v1/feedback?limit=2&cursor=\(cursor)", token: try token("monitor"))
        XCTAssertEqual((second.json["items"] as? [[String: Any]])?.map { $0["content"] as? String }, ["Phản ánh 0"])
        XCTAssertTrue(second.json["next_cursor"] is NSNull)
    }
}
