import Foundation
import Storage
import XCTest
@testable import App
@testable import Domain

/// The events packed into `dossiers.history` (migration 0010, `DossierHistory`) as the store
/// keeps them: a stored history is always the dossier's events in `dossier_events`; a dossier
/// reads the same with it, without it (NULL) and with a damaged one; `motcua audit verify`'s
/// check names a dossier whose history differs.
final class DossierHistoryStoreTests: DossierActionTestCase {
    // MARK: - The store

    func testEveryWriteKeepsThePackedHistoryEqualToTheEvents() throws {
        let code = try receiveAtCounter()
        try expectOK(code, "assign", ["user_id": try userID("justice.specialist")], as: "centre")
        try expectOK(code, "forward", ["user_id": try userID("justice.leader"), "note": "Trình ký \"gấp\""],
                     as: "justice.specialist")
        try expectOK(code, "complete", ["result": ["summary": "Đã cấp phiếu."]], as: "justice.leader")
        XCTAssertEqual(try packedEvents(code)?.map(\.action), ["receive", "assign", "forward", "complete"])
        XCTAssertEqual(try packedEvents(code)?[2].note, "Người xử lý: Người justice.leader — Trình ký \"gấp\"")
        XCTAssertEqual(try packedEvents(code), try tableEvents(code))
        XCTAssertEqual(try AuditChain.verifyHistories(application.context.database), .init(checked: 1, firstMismatch: nil))
    }

    func testADossierReadsTheSameWithoutOrWithADamagedHistoryAndIsPackedAgainByItsNextAction() throws {
        let code = try receiveAtCounter()
        try expectOK(code, "assign", ["user_id": try userID("justice.specialist")], as: "centre")
        let packed = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        XCTAssertEqual(packed.status, 200)
        XCTAssertEqual((packed.json["events"] as? [[String: Any]])?.count, 2)

        try setHistory(of: code, to: .null)
        let unpacked = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        XCTAssertEqual(unpacked.text, packed.text, "read from dossier_events when not packed")
        try setHistory(of: code, to: .blob([1, 0x01, 0x02]))
        let damaged = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        XCTAssertEqual(damaged.text, packed.text, "read from dossier_events when the packed copy does not decode")
        XCTAssertEqual(try AuditChain.verifyHistories(application.context.database).firstMismatch, code)

        try setHistory(of: code, to: .null)
        XCTAssertEqual(try AuditChain.verifyHistories(application.context.database), .init(checked: 0, firstMismatch: nil))
        try expectOK(code, "forward", ["user_id": try userID("justice.leader")], as: "justice.specialist")
        XCTAssertEqual(try packedEvents(code)?.count, 3, "the next action packs the whole history")
        XCTAssertEqual(try packedEvents(code), try tableEvents(code))
    }

    func testAuditNamesADossierWhoseHistoryIsAnotherDossiers() throws {
        let first = try receiveAtCounter()
        let second = try receiveAtCounter()
        let database = application.context.database
        XCTAssertEqual(try AuditChain.verifyHistories(database), .init(checked: 2, firstMismatch: nil))
        let borrowed = try XCTUnwrap(try storedBlob("history", of: first))
        try setHistory(of: second, to: .blob(borrowed))
        XCTAssertEqual(try AuditChain.verifyHistories(database), .init(checked: 1, firstMismatch: second))
    }

    /// A packed history whose actor name differs from the events only in Unicode normalization
    /// (equal as Swift strings, other bytes) is named by the audit.
    func testAuditComparesTextsByTheirBytes() throws {
        let code = try receiveAtCounter()
        let database = application.context.database
        var events = try tableEvents(code)
        let name = events[0].actorName
        let decomposed = name.decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(name.utf8), Array(decomposed.utf8), "the officer's name has diacritics: \(name)")
        events[0].actorName = decomposed
        try setHistory(of: code, to: .blob(try XCTUnwrap(DossierHistory.encode(events))))
        XCTAssertEqual(try AuditChain.verifyHistories(database), .init(checked: 0, firstMismatch: code))
    }

    // MARK: - Helpers

    func packedEvents(_ code: String) throws -> [Dossier.Event]? {
        try storedBlob("history", of: code).flatMap(DossierHistory.decode)
    }

    func tableEvents(_ code: String) throws -> [Dossier.Event] {
        try rows(of: code) { try DossierStore.events(dossierID: $0, packed: nil, on: $1) }
    }

    func setHistory(of code: String, to value: SQLiteValue) throws {
        try setStoredValue("history", of: code, to: value)
    }
}
