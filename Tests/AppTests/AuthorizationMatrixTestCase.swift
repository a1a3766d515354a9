import Foundation
import HTTP
import Storage
import XCTest
@testable import App
@testable import Domain

/// The world of the authorization matrix (issue 3 item 7), built over the real API, and the
/// runner that checks one explicit expectation per (account, request).
///
/// Five dossiers, each with its own applicant so that a body can be scanned for a leak:
/// - `held`: Sở Tư pháp's procedure received at the provincial centre and assigned to
///   justice.specialist (in progress, held by Sở Tư pháp), with a document;
/// - `transferred`: the same procedure, assigned, then transferred by justice.leader to Sở Y tế;
/// - `planning`: Sở Kế hoạch và Đầu tư's procedure received at the centre (received);
/// - `commune`: Đăng ký khai sinh received at the commune desk (received);
/// - `online`: submitted online by `citizen` with a document, accepted, processed, returned
///   and rated. `citizen2` has no dossier.
class AuthorizationMatrixTestCase: DossierActionTestCase {
    enum Case: String, CaseIterable {
        case held, transferred, planning, commune, online
    }

    /// The accounts of the matrix; nil is an anonymous request.
    static let everyone: [String?] = [
        "centre", "commune", "justice.specialist", "justice.leader", "justice.admin", "health.specialist",
        "health.leader", "monitor", "admin", "portal", "citizen", "citizen2", nil,
    ]

    /// Accounts beyond DossierActionTestCase's: Sở Tư pháp's agency admin and the system admin.
    static let matrixAccounts: [(String, Role, String?)] = [
        ("justice.admin", .agencyAdmin, "Sở Tư pháp"),
        ("admin", .admin, nil),
    ]

    static let applicants: [Case: (name: String, idNumber: String)] = [
        .held: ("Trần Văn Một", "051190000001"),
        .transferred: ("Đỗ Thị Bốn", "051190000004"),
        .planning: ("Lê Thị Hai", "051190000002"),
        .commune: ("Phạm Văn Ba", "051190000003"),
        .online: ("Hoàng Thị Năm", "051190000005"),
    ]

    var codes: [Case: String] = [:]
    /// A document of `held` (uploaded by justice.specialist) and one of `online` (by citizen).
    var heldDocument = 0
    var onlineDocument = 0
    /// Feedback about `held` (goes to Sở Tư pháp) and about `planning` (Sở Kế hoạch và Đầu tư).
    var heldFeedback = 0
    var planningFeedback = 0

    override func setUpWithError() throws {
        try super.setUpWithError()
        let store = UserStore(database: application.context.database)
        for (name, role, agencyName) in Self.matrixAccounts {
            users[name] = try store.add(UserStore.NewUser(username: name, password: Self.password, fullName: "Người \(name)",
                                                          role: role, agencyID: try agencyName.map { try agencyID(named: $0) },
                                                          idNumber: nil, phone: nil, email: nil),
                                        hasher: PasswordHasher(iterations: 1000), now: Date())
        }
        try buildWorld()
    }

    func intake(_ which: Case, procedure: String, channel: String = "counter", as name: String) throws -> String {
        let applicant = try XCTUnwrap(Self.applicants[which])
        let body: [String: Any] = ["procedure_code": procedure, "channel": channel,
                                   "applicant": ["full_name": applicant.name, "id_number": applicant.idNumber, "phone": "0905123456"]]
        let reply = try call("POST", "/api/v1/dossiers", json: body, token: try token(name))
        XCTAssertEqual(reply.status, 201, "\(which): \(reply.text)")
        return try XCTUnwrap(reply.json["code"] as? String)
    }

    func uploadedDocument(to code: String, as name: String) throws -> Int {
        let reply = try upload([Self.file("giay-to.pdf", Self.samplePDF)], to: code, token: try token(name))
        XCTAssertEqual(reply.status, 201, reply.text)
        return try XCTUnwrap(((reply.json["items"] as? [[String: Any]])?.first)?["id"] as? Int)
    }

    func feedback(about code: String) throws -> Int {
        let reply = try call("POST", "/api/v1/feedback", json: ["content": "Hồ sơ chậm.", "contact": ["full_name": "Người góp ý"],
                                                              "dossier_code": code])
        XCTAssertEqual(reply.status, 201, reply.text)
        return try XCTUnwrap(reply.json["id"] as? Int)
    }

    func buildWorld() throws {
        let specialist = try userID("justice.specialist")
        codes[.held] = try intake(.held, procedure: Self.procedureCode, as: "centre")
        try expectOK(codes[.held]!, "assign", ["user_id": specialist], as: "centre")
        heldDocument = try uploadedDocument(to: codes[.held]!, as: "justice.specialist")

        codes[.transferred] = try intake(.transferred, procedure: Self.procedureCode, as: "centre")
        try expectOK(codes[.transferred]!, "assign", ["user_id": specialist], as: "centre")
        try expectOK(codes[.transferred]!, "transfer", ["agency_id": try agencyID(named: "Sở Y tế")], as: "justice.leader")

        codes[.planning] = try intake(.planning, procedure: "QNG-TTHC-002", as: "centre")
        codes[.commune] = try intake(.commune, procedure: "1.001193", as: "commune")

        let online = try intake(.online, procedure: Self.procedureCode, channel: "online", as: "citizen")
        codes[.online] = online
        onlineDocument = try uploadedDocument(to: online, as: "citizen")
        try expectOK(online, "accept", as: "centre")
        try expectOK(online, "assign", ["user_id": specialist], as: "centre")
        try expectOK(online, "complete", ["result": ["summary": "Đã cấp phiếu."]], as: "justice.leader")
        try expectOK(online, "deliver", ["via": "counter"], as: "centre")
        let rating = try call("POST", "/api/v1/dossiers/\(online)/rating", json: Self.rating, token: try token("citizen"))
        XCTAssertEqual(rating.status, 201, rating.text)

        heldFeedback = try feedback(about: codes[.held]!)
        planningFeedback = try feedback(about: codes[.planning]!)
    }

    static var rating: [String: Any] { ["criteria": ["contacts": 2, "organisations": 2, "attitude": 2, "satisfied": true]] }

    // MARK: - The runner

    /// One request of the matrix with the status it must get. `about` names the dossier the
    /// request concerns: a 404 about it must not carry its code or applicant's name.
    struct Probe {
        var who: String?
        var method: String
        var path: String
        var json: Any? = nil
        var multipart: [FormPart]? = nil
        var expect: Int
        var about: Case? = nil
    }

    /// Runs every probe; returns the replies in order. Each mismatch names the probe.
    @discardableResult
    func run(_ probes: [Probe], file: StaticString = #filePath, line: UInt = #line) throws -> [Reply] {
        var replies: [Reply] = []
        for probe in probes {
            let token = try probe.who.map { try self.token($0) }
            let reply: Reply
            if let parts = probe.multipart {
                let (type, body) = Self.multipart(parts)
                reply = try call(probe.method, probe.path, rawBody: body, contentType: type, token: token)
            } else {
                reply = try call(probe.method, probe.path, json: probe.json, token: token)
            }
            let label = "\(probe.who ?? "anonymous") \(probe.method) \(probe.path)"
            XCTAssertEqual(reply.status, probe.expect, "\(label): \(reply.text.prefix(300))", file: file, line: line)
            if reply.status == 404, let about = probe.about {
                assertNoTrace(of: about, in: reply, label, file: file, line: line)
            }
            if probe.expect == 401 {
                XCTAssertEqual(reply.errorCode, "unauthenticated", label, file: file, line: line)
            }
            replies.append(reply)
        }
        return replies
    }

    /// Fails when `reply`'s body names the dossier `which` (its code or its applicant).
    func assertNoTrace(of which: Case, in reply: Reply, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let text = reply.text
        for secret in [codes[which] ?? "?", Self.applicants[which]?.name ?? "?", Self.applicants[which]?.idNumber ?? "?"] {
            XCTAssertFalse(text.contains(secret), "\(label) leaks \(secret) of \(which)", file: file, line: line)
        }
    }

    /// Expands a per-account table over the five dossiers: `table[account]` lists the
    /// statuses for held, transferred, planning, commune, online in that order.
    func probes(_ table: [(String?, [Int])], method: String, path: (Case) -> String, json: Any? = nil,
                multipart: [FormPart]? = nil, file: StaticString = #filePath, line: UInt = #line) -> [Probe] {
        XCTAssertEqual(Set(table.map { $0.0 ?? "" }), Set(Self.everyone.map { $0 ?? "" }), "every account has a row", file: file, line: line)
        return table.flatMap { who, statuses in
            XCTAssertEqual(statuses.count, Case.allCases.count, "\(who ?? "anonymous"): one status per dossier", file: file, line: line)
            return zip(Case.allCases, statuses).map { which, status in
                Probe(who: who, method: method, path: path(which), json: json, multipart: multipart, expect: status, about: which)
            }
        }
    }
}
