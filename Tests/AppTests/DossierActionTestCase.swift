import Foundation
import HTTP
import Storage
import XCTest
@testable import App
@testable import Domain

/// AppTestCase plus the staff the action tests need (a second centre officer, a leader and a
/// second specialist of Sở Tư pháp, a leader of Sở Y tế) and helpers to drive dossiers.
class DossierActionTestCase: AppTestCase {
    static let extraStaff: [(String, Role, String)] = [
        ("centre2", .counterOfficer, ReferenceData.centreName),
        ("justice.leader", .leader, "Sở Tư pháp"),
        ("justice.specialist2", .specialist, "Sở Tư pháp"),
        ("health.leader", .leader, "Sở Y tế"),
    ]

    override func setUpWithError() throws {
        try super.setUpWithError()
        let store = UserStore(database: application.context.database)
        for (name, role, agencyName) in Self.extraStaff {
            users[name] = try store.add(UserStore.NewUser(username: name, password: Self.password, fullName: "Người \(name)",
                                                          role: role, agencyID: try agencyID(named: agencyName),
                                                          idNumber: nil, phone: nil, email: nil),
                                        hasher: PasswordHasher(iterations: 1000), now: Date())
        }
    }

    func agencyID(named name: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        try XCTUnwrap(application.context.database.read {
            try $0.queryOne("SELECT id FROM agencies WHERE name = ?", [SQLiteValue(name)])?.int("id")
        }, file: file, line: line)
    }

    func userID(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        try XCTUnwrap(users[name]?.id, file: file, line: line)
    }

    /// A dossier received at the provincial centre's counter (Cấp Phiếu lý lịch tư pháp).
    func receiveAtCounter(email: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        var body = counterIntake()
        if let email {
            body["applicant"] = ["full_name": "Nguyễn Thị Ánh", "id_number": "051190001234", "phone": "0905123456", "email": email]
        }
        let reply = try call("POST", "/api/v1/dossiers", json: body, token: try token("centre"))
        XCTAssertEqual(reply.status, 201, reply.text, file: file, line: line)
        return try XCTUnwrap(reply.json["code"] as? String, file: file, line: line)
    }

    /// A dossier submitted online by `citizen`, awaiting acceptance.
    func submitOnline(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(channel: "online"), token: try token("citizen"))
        XCTAssertEqual(reply.status, 201, reply.text, file: file, line: line)
        return try XCTUnwrap(reply.json["code"] as? String, file: file, line: line)
    }

    /// `POST /api/v1/dossiers/{code}/actions` as `name`.
    func act(_ code: String, _ action: String, _ parameters: [String: Any] = [:], as name: String,
             headers: [String: String] = [:]) throws -> Reply {
        var body = parameters
        body["action"] = action
        return try call("POST", "/api/v1/dossiers/\(code)/actions", json: body, token: try token(name), headers: headers)
    }

    /// Takes an action that must succeed; returns the dossier JSON.
    @discardableResult
    func expectOK(_ code: String, _ action: String, _ parameters: [String: Any] = [:], as name: String,
                  file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let reply = try act(code, action, parameters, as: name)
        XCTAssertEqual(reply.status, 200, "\(action): \(reply.text)", file: file, line: line)
        return reply.json
    }

    /// The published document names of the test procedure (procedures.documents).
    func publishedDocuments() throws -> [String] {
        let text = try XCTUnwrap(try application.context.database.read {
            try $0.queryOne("SELECT documents FROM procedures WHERE code = ?", [SQLiteValue(Self.procedureCode)])?.string("documents")
        })
        return try DossierActionEffects.documentNames(fromJSON: text)
    }

    /// (action, from, to, national_status) of the dossier's events, in order.
    func storedEvents(_ code: String) throws -> [(action: String, from: String?, to: String, national: Int)] {
        try application.context.database.read { connection in
            try connection.query("""
                SELECT e.action, e.from_status, e.to_status, e.national_status FROM dossier_events e
                JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = ? ORDER BY e.seq
                """, [SQLiteValue(code)]).map {
                (try $0.string("action"), try $0.optionalString("from_status"), try $0.string("to_status"),
                 try $0.int("national_status"))
            }
        }
    }

    /// (channel, recipient, body, event action) of the dossier's notices, in order.
    func notices(_ code: String) throws -> [(channel: String, recipient: String, body: String, action: String)] {
        try application.context.database.read { connection in
            try connection.query("""
                SELECT n.channel, n.recipient, n.body, e.action FROM notifications n
                JOIN dossiers d ON d.id = n.dossier_id JOIN dossier_events e ON e.seq = n.event_seq
                WHERE d.code = ? AND n.status = 'pending' ORDER BY n.id
                """, [SQLiteValue(code)]).map {
                (try $0.string("channel"), try $0.string("recipient"), try $0.string("body"), try $0.string("action"))
            }
        }
    }

    func date(_ json: [String: Any], _ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> Date {
        try XCTUnwrap((json[key] as? String).flatMap(VietnamTime.parse), "\(key)", file: file, line: line)
    }

    /// The `at` of the dossier JSON's last event.
    func lastEventAt(_ json: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws -> Date {
        let events = try XCTUnwrap(json["events"] as? [[String: Any]], file: file, line: line)
        return try date(try XCTUnwrap(events.last, file: file, line: line), "at", file: file, line: line)
    }
}
