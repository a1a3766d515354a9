import Foundation
import Storage
import XCTest
@testable import App
@testable import Domain

/// The documents packed into `dossiers.document_list` (migration 0012, `DocumentList`) as the
/// store keeps them: written with every upload and with the result flag of `complete`, equal to
/// the `documents` rows; a dossier reads the same with the list, without it and with a damaged
/// one; the housekeeping pass packs the ones written before; `audit verify` names a mismatch.
final class DocumentListStoreTests: DossierActionTestCase {
    func uploadPDF(_ code: String, name: String, as user: String) throws -> Int {
        let reply = try upload([Self.file(name, Self.samplePDF)], to: code, token: try token(user))
        XCTAssertEqual(reply.status, 201, reply.text)
        return try XCTUnwrap((reply.json["items"] as? [[String: Any]])?.first?["id"] as? Int)
    }

    func testUploadsAndTheResultFlagKeepThePackedListEqualToTheRows() throws {
        let code = try receiveAtCounter()
        XCTAssertNil(try packedList(code), "no documents, no list")
        _ = try uploadPDF(code, name: "tờ khai.pdf", as: "centre")
        try expectOK(code, "assign", ["user_id": try userID("justice.leader")], as: "centre")
        let result = try uploadPDF(code, name: "phiếu.pdf", as: "justice.leader")
        XCTAssertEqual(try packedList(code)?.map(\.name), ["tờ khai.pdf", "phiếu.pdf"])
        try expectOK(code, "complete", ["result": ["summary": "Phiếu", "document_ids": [result]]], as: "justice.leader")
        XCTAssertEqual(try packedList(code)?.map(\.isResult), [false, true])
        XCTAssertEqual(try packedList(code), try tableList(code))
        XCTAssertEqual(try AuditChain.verifyDocumentLists(application.context.database), .init(checked: 1, firstMismatch: nil))
    }

    func testADossierReadsTheSameWithoutOrWithADamagedListAndHousekeepingPacksIt() throws {
        let code = try receiveAtCounter()
        _ = try uploadPDF(code, name: "a.pdf", as: "centre")
        _ = try uploadPDF(code, name: "b.pdf", as: "centre")
        let packed = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        XCTAssertEqual((packed.json["documents"] as? [[String: Any]])?.count, 2, packed.text)

        try setList(of: code, to: .blob([1, 0x01]))
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre")).text, packed.text)
        XCTAssertEqual(try AuditChain.verifyDocumentLists(application.context.database).firstMismatch, code)
        try setList(of: code, to: .null)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre")).text, packed.text)

        let report = try Housekeeping(database: application.context.database).run(now: Date())
        XCTAssertEqual(report.packedDocumentLists, 1)
        XCTAssertEqual(try packedList(code), try tableList(code))
        XCTAssertEqual(try Housekeeping(database: application.context.database).run(now: Date()).packedDocumentLists, 0)
    }

    func packedList(_ code: String) throws -> [Dossier.Document]? {
        try storedBlob("document_list", of: code).flatMap(DocumentList.decode)
    }

    func tableList(_ code: String) throws -> [Dossier.Document] {
        try rows(of: code) { try DocumentStore.documents(dossierID: $0, on: $1) }
    }

    func setList(of code: String, to value: SQLiteValue) throws {
        try setStoredValue("document_list", of: code, to: value)
    }
}
