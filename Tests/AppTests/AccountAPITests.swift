import Domain
import Foundation
import Storage
import XCTest
@testable import App

/// Citizen self-registration and staff management by agency administrators, over HTTP.
final class AccountAPITests: AppTestCase {
    func agencyID(_ name: String) throws -> Int {
        try XCTUnwrap(application.database.read {
            try $0.queryOne("SELECT id FROM agencies WHERE name = ?", [SQLiteValue(name)])?.int("id")
        })
    }

    /// Creates an account of `role` and signs it in.
    func signIn(_ name: String, role: Role, agency: String? = nil) throws -> String {
        _ = try UserStore(database: application.database).add(
            UserStore.NewUser(username: name, password: Self.password, fullName: "Người \(name)", role: role,
                              agencyID: try agency.map(agencyID), idNumber: nil, phone: nil, email: nil),
            hasher: PasswordHasher(iterations: 1000), now: Date())
        return try token(name)
    }

    let citizen: [String: Any] = ["full_name": "Trần Văn Bình", "id_number": "051090001234", "phone": "+84 905 123 456",
                                  "email": "binh@example.vn", "password": "mat-khau-cua-binh"]

    // MARK: - Citizens

    func testACitizenRegistersWithTheCCCDAsUsernameAndCanSignIn() throws {
        let reply = try call("POST", "/api/v1/citizens", json: citizen)
        XCTAssertEqual(reply.status, 201, reply.text)
        XCTAssertEqual(reply.json["username"] as? String, "051090001234")
        XCTAssertEqual(reply.json["role"] as? String, "citizen")
        XCTAssertTrue(reply.json["agency_id"] is NSNull)
        let phone = try application.database.read {
            try $0.queryOne("SELECT phone FROM users WHERE username = '051090001234'")?.string("phone")
        }
        XCTAssertEqual(phone, "0905123456")
        let session = try call("POST", "/api/v1/session", json: ["username": "051090001234", "password": "mat-khau-cua-binh"])
        XCTAssertEqual(session.status, 200, session.text)
    }

    func testEachBadFieldIsNamedInVietnamese() throws {
        let reply = try call("POST", "/api/v1/citizens", json: [
            "full_name": "", "id_number": "051090001234", "phone": "0123456789", "email": "binh@", "password": "ngan",
        ])
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(Set(reply.fieldErrors.keys), ["full_name", "phone", "email", "password"])
        XCTAssertTrue(reply.fieldErrors["password"]?.contains("ít nhất 8 ký tự") == true)
        for (number, fragment) in [("05109000123", "12 chữ số"), ("097090001234", "097"),
                                   ("051399001234", "2099"), ("051000001234", "1900")] {
            var body = citizen
            body["id_number"] = number
            let bad = try call("POST", "/api/v1/citizens", json: body)
            XCTAssertEqual(bad.status, 422, number)
            XCTAssertTrue(bad.fieldErrors["id_number"]?.contains(fragment) == true, "\(number): \(bad.text)")
        }
    }

    func testADuplicateCCCDIsAConflict() throws {
        XCTAssertEqual(try call("POST", "/api/v1/citizens", json: citizen).status, 201)
        let again = try call("POST", "/api/v1/citizens", json: citizen)
        XCTAssertEqual(again.status, 409)
        XCTAssertEqual(again.errorCode, "conflict")
        XCTAssertTrue(again.json.description.contains("051090001234"))
    }

    func testRegistrationIsRateLimitedByAddress() throws {
        var statuses = [Int]()
        for index in 0..<11 {
            var body = citizen
            body["id_number"] = String(format: "0510900%05d", index)
            statuses.append(try call("POST", "/api/v1/citizens", json: body).status)
        }
        XCTAssertEqual(statuses.prefix(10).filter { $0 == 201 }.count, 10, "\(statuses)")
        XCTAssertEqual(statuses.last, 429)
    }

    // MARK: - Staff

    func testAnAgencyAdminListsOnlyItsOwnAgencysStaff() throws {
        let admin = try signIn("qt.tuphap", role: .agencyAdmin, agency: "Sở Tư pháp")
        let reply = try call("GET", "/api/v1/staff", token: admin)
        XCTAssertEqual(reply.status, 200, reply.text)
        let usernames = Set((reply.json["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String })
        XCTAssertEqual(usernames, ["justice.specialist", "qt.tuphap"])
        let all = try call("GET", "/api/v1/staff?limit=500", token: try signIn("quan.tri", role: .admin))
        let allNames = Set((all.json["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String })
        XCTAssertTrue(allNames.isSuperset(of: ["centre", "commune", "health.specialist", "monitor", "qt.tuphap"]))
        XCTAssertFalse(allNames.contains("citizen"))
        XCTAssertEqual(try call("GET", "/api/v1/staff", token: try token("justice.specialist")).status, 403)
        XCTAssertEqual(try call("GET", "/api/v1/staff").status, 401)
    }

    func testAnAgencyAdminCreatesOfficersOnlyInItsAgencyAndWithStaffRoles() throws {
        let admin = try signIn("qt.tuphap", role: .agencyAdmin, agency: "Sở Tư pháp")
        let body: [String: Any] = ["username": "cv.moi", "full_name": "Lê Thị Mới", "password": "mat-khau-moi", "role": "leader"]
        let created = try call("POST", "/api/v1/staff", json: body, token: admin)
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(created.json["agency_id"] as? Int, try agencyID("Sở Tư pháp"))
        XCTAssertEqual(created.json["is_active"] as? Bool, true)
        XCTAssertEqual(try call("POST", "/api/v1/session", json: ["username": "cv.moi", "password": "mat-khau-moi"]).status, 200)
        var asAdmin = body
        asAdmin["username"] = "cv.khac"
        asAdmin["role"] = "admin"
        let badRole = try call("POST", "/api/v1/staff", json: asAdmin, token: admin)
        XCTAssertEqual(badRole.status, 422)
        XCTAssertNotNil(badRole.fieldErrors["role"])
        asAdmin["role"] = "specialist"
        asAdmin["agency_id"] = try agencyID("Sở Y tế")
        XCTAssertNotNil(try call("POST", "/api/v1/staff", json: asAdmin, token: admin).fieldErrors["agency_id"])
        XCTAssertEqual(try call("POST", "/api/v1/staff", json: body, token: admin).status, 409)
    }

    func testDeactivatingAnOfficerEndsItsSessionsAndOtherAgenciesStaffAre404() throws {
        let admin = try signIn("qt.tuphap", role: .agencyAdmin, agency: "Sở Tư pháp")
        let officer = try token("justice.specialist")
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/khong-co", token: officer).status, 404)
        let officerID = try XCTUnwrap(users["justice.specialist"]?.id)
        let renamed = try call("PATCH", "/api/v1/staff/\(officerID)", json: ["full_name": "Phạm Văn Đổi", "role": "leader"], token: admin)
        XCTAssertEqual(renamed.status, 200, renamed.text)
        XCTAssertEqual(renamed.json["full_name"] as? String, "Phạm Văn Đổi")
        XCTAssertEqual(renamed.json["role"] as? String, "leader")
        let off = try call("PATCH", "/api/v1/staff/\(officerID)", json: ["is_active": false], token: admin)
        XCTAssertEqual(off.status, 200, off.text)
        XCTAssertEqual(off.json["is_active"] as? Bool, false)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/khong-co", token: officer).status, 401)
        XCTAssertEqual(try call("POST", "/api/v1/session", json: ["username": "justice.specialist", "password": Self.password]).status, 401)
        let otherID = try XCTUnwrap(users["health.specialist"]?.id)
        XCTAssertEqual(try call("PATCH", "/api/v1/staff/\(otherID)", json: ["is_active": false], token: admin).status, 404)
        let citizenID = try XCTUnwrap(users["citizen"]?.id)
        XCTAssertEqual(try call("PATCH", "/api/v1/staff/\(citizenID)", json: ["full_name": "X"], token: admin).status, 404)
        let bad = try call("PATCH", "/api/v1/staff/\(officerID)", json: ["is_active": "khong", "password": "ngan"], token: admin)
        XCTAssertEqual(Set(bad.fieldErrors.keys), ["is_active", "password"])
    }

    func testAnAdminManagesStaffOfAnyAgency() throws {
        let admin = try signIn("quan.tri", role: .admin)
        let health = try agencyID("Sở Y tế")
        let created = try call("POST", "/api/v1/staff", json: ["username": "qt.yte", "full_name": "Quản trị Sở Y tế",
                                                               "password": "mat-khau-yte", "role": "agency_admin",
                                                               "agency_id": health], token: admin)
        XCTAssertEqual(created.status, 201, created.text)
        let listed = try call("GET", "/api/v1/staff?agency_id=\(health)", token: admin)
        let names = Set((listed.json["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String })
        XCTAssertEqual(names, ["health.specialist", "qt.yte"])
        let noAgency = try call("POST", "/api/v1/staff", json: ["username": "x.y", "full_name": "X", "password": "mat-khau-xy",
                                                                "role": "specialist"], token: admin)
        XCTAssertNotNil(noAgency.fieldErrors["agency_id"], noAgency.text)
        let otherID = try XCTUnwrap(users["health.specialist"]?.id)
        let changed = try call("PATCH", "/api/v1/staff/\(otherID)", json: ["password": "mat-khau-moi-1"], token: admin)
        XCTAssertEqual(changed.status, 200, changed.text)
        XCTAssertEqual(try call("POST", "/api/v1/session", json: ["username": "health.specialist", "password": "mat-khau-moi-1"]).status, 200)
    }
}
