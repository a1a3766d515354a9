import Foundation
import XCTest
@testable import App

/// Result documents attached at `complete` (issue 3, item 5; NĐ 45/2020 and NĐ 107/2021: the
/// electronic copy of the result): uploaded to the dossier first, then named in
/// `result.document_ids`, they move from `documents` to `result.documents`.
final class ResultDocumentsTests: DossierActionTestCase {
    func uploadPDF(_ code: String, name: String, as user: String) throws -> Int {
        let reply = try upload([Self.file(name, Self.samplePDF)], to: code, token: try token(user))
        XCTAssertEqual(reply.status, 201, reply.text)
        let items = try XCTUnwrap(reply.json["items"] as? [[String: Any]])
        return try XCTUnwrap(items.first?["id"] as? Int)
    }

    func testCompleteAttachesTheNamedDocumentsAsTheResult() throws {
        let code = try receiveAtCounter()
        let application = try uploadPDF(code, name: "to-khai.pdf", as: "centre")
        try expectOK(code, "assign", ["user_id": try userID("justice.leader")], as: "centre")
        let result = try uploadPDF(code, name: "phieu-ly-lich-tu-phap.pdf", as: "justice.leader")
        let completed = try expectOK(code, "complete", ["result": ["summary": "Phiếu LLTP số 7", "document_ids": [result]]],
                                     as: "justice.leader")
        let resultDocuments = try XCTUnwrap((completed["result"] as? [String: Any])?["documents"] as? [[String: Any]])
        XCTAssertEqual(resultDocuments.compactMap { $0["id"] as? Int }, [result])
        XCTAssertEqual((completed["documents"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, [application],
                       "the applicant's documents stay where they were")
        let shown = try call("GET", "/api/v1/dossiers/\(code)", token: try token("citizen"))
        XCTAssertEqual(shown.status, 404, "not this citizen's dossier")
        let reread = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        XCTAssertEqual(((reread.json["result"] as? [String: Any])?["documents"] as? [[String: Any]])?.count, 1, "stored, not only answered")
    }

    func testCompleteRefusesADocumentOfAnotherDossierAndChangesNothing() throws {
        let code = try receiveAtCounter()
        let other = try receiveAtCounter()
        let foreign = try uploadPDF(other, name: "khac.pdf", as: "centre")
        try expectOK(code, "assign", ["user_id": try userID("justice.leader")], as: "centre")
        let refused = try act(code, "complete", ["result": ["summary": "Phiếu", "document_ids": [foreign]]], as: "justice.leader")
        XCTAssertEqual(refused.status, 422, refused.text)
        XCTAssertNotNil(refused.fieldErrors["result.document_ids"])
        let malformed = try act(code, "complete", ["result": ["summary": "Phiếu", "document_ids": ["một"]]], as: "justice.leader")
        XCTAssertEqual(malformed.status, 422)
        let still = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        XCTAssertEqual(still.json["status"] as? String, "in_progress", "nothing was written")
        let otherNow = try call("GET", "/api/v1/dossiers/\(other)", token: try token("centre"))
        XCTAssertEqual((otherNow.json["documents"] as? [[String: Any]])?.count, 1)
    }
}
