import Foundation
import XCTest
@testable import App

/// A procedure imported with `motcua procedures import` while the server runs can be received
/// without a restart (the catalogue is re-read when its tables change), and a changed time
/// limit applies to new dossiers only.
final class CatalogueReloadTests: AppTestCase {
    override func configure(_ configuration: inout AppConfiguration) {
        configuration.catalogCheckInterval = 0
    }

    var databasePath: String { directory.appendingPathComponent("test.sqlite").path }

    /// Exports the catalogue as JSON through the real binary, lets `edit` change it, imports it.
    func importEdited(_ edit: (inout [[String: Any]]) -> Void) throws {
        let exported = try ServerProcess.run(["procedures", "export", "--format", "json", "--db", databasePath])
        XCTAssertEqual(exported.status, 0, exported.output)
        let json = try XCTUnwrap(exported.output.range(of: "[").map { String(exported.output[$0.lowerBound...]) })
        var items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        edit(&items)
        let path = directory.appendingPathComponent("catalogue.json").path
        try JSONSerialization.data(withJSONObject: items).write(to: URL(fileURLWithPath: path))
        let imported = try ServerProcess.run(["procedures", "import", path, "--format", "json", "--db", databasePath])
        XCTAssertEqual(imported.status, 0, imported.output)
    }

    func testAProcedureImportedWhileServingCanBeReceivedAtOnce() throws {
        let before = try call("POST", "/api/v1/dossiers", json: counterIntake(procedure: "QNG-TTHC-900"), token: try token("centre"))
        XCTAssertEqual(before.status, 422, "not in the catalogue yet")
        let old = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: try token("centre"))
        XCTAssertEqual(old.status, 201, old.text)
        let oldDue = try XCTUnwrap(old.json["due_at"] as? String)

        try importEdited { items in
            guard let index = items.firstIndex(where: { $0["code"] as? String == AppTestCase.procedureCode }) else { return }
            var copy = items[index]
            copy["code"] = "QNG-TTHC-900"
            copy["name"] = "Thủ tục thử nghiệm nhập khi máy chủ đang chạy"
            items.append(copy)
            var limit = items[index]["time_limit"] as? [String: Any] ?? [:]
            limit["value"] = 15
            items[index]["time_limit"] = limit
        }
        let after = try call("POST", "/api/v1/dossiers", json: counterIntake(procedure: "QNG-TTHC-900"), token: try token("centre"))
        XCTAssertEqual(after.status, 201, after.text)
        XCTAssertEqual(after.json["procedure_name"] as? String, "Thủ tục thử nghiệm nhập khi máy chủ đang chạy")

        let longer = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: try token("centre"))
        XCTAssertGreaterThan(try XCTUnwrap(longer.json["due_at"] as? String), oldDue, "15 working days now")
        let code = try XCTUnwrap(old.json["code"] as? String)
        let reread = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        XCTAssertEqual(reread.json["due_at"] as? String, oldDue, "a dossier received before keeps its due date")
        // … through the snapshot it was received under (migration 0013): one per version.
        let limits = try application.database.read { connection in
            try connection.query("SELECT time_limit_value FROM procedure_snapshots WHERE code = ? ORDER BY id",
                                 [.text(AppTestCase.procedureCode)]).map { try $0.int("time_limit_value") }
        }
        XCTAssertEqual(limits.count, 2, "\(limits)")
        XCTAssertEqual(limits.last, 15)
        XCTAssertNotEqual(limits.first, 15)
        XCTAssertEqual(reread.json["procedure_name"] as? String, old.json["procedure_name"] as? String)
    }
}
