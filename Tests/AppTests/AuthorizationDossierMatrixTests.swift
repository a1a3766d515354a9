import Foundation
import XCTest
@testable import App

/// The authorization matrix over the endpoints of one dossier: every account × every dossier
/// of the world (AuthorizationMatrixTestCase), each cell an explicit status. Columns are
/// always held, transferred, planning, commune, online.
///
/// Visibility (API.md "Session and accounts", issue 3 item 7): staff see a dossier their
/// agency is responsible for, received at its desk, holds or held (an event); a citizen only
/// their own; `province_monitor` and `admin` all; `integration` none (it reads the events
/// feed only). Unseen → 404, whose body names neither the code nor the applicant.
final class AuthorizationDossierMatrixTests: AuthorizationMatrixTestCase {
    /// Who sees which dossier: the reference the read endpoints follow.
    static let visibility: [(String?, [Int])] = [
        //                      held transferred planning commune online
        ("centre",             [200, 200, 200, 404, 200]),  // the desk that received all but commune
        ("commune",            [404, 404, 404, 200, 404]),
        ("justice.specialist", [200, 200, 404, 404, 200]),  // responsible (and held) for three
        ("justice.leader",     [200, 200, 404, 404, 200]),
        ("justice.admin",      [200, 200, 404, 404, 200]),
        ("health.specialist",  [404, 200, 404, 404, 404]),  // holds the transferred one
        ("health.leader",      [404, 200, 404, 404, 404]),
        ("monitor",            [200, 200, 200, 200, 200]),
        ("admin",              [200, 200, 200, 200, 200]),
        ("portal",             [404, 404, 404, 404, 404]),  // integration: the events feed only
        ("citizen",            [404, 404, 404, 404, 200]),
        ("citizen2",           [404, 404, 404, 404, 404]),
        (nil,                  [401, 401, 401, 401, 401]),
    ]

    func testDossierDetailIsServedOnlyToThoseWhoMaySeeIt() throws {
        let replies = try run(probes(Self.visibility, method: "GET", path: { "/api/v1/dossiers/\(self.codes[$0]!)" }))
        for reply in replies where reply.status == 200 {
            XCTAssertNotNil(reply.json["code"] as? String)
        }
    }

    /// `complete` without its `result`: the leader who may complete gets 422 (parameters are
    /// checked last), another role that sees the dossier 403, a dossier not in progress 409
    /// (status before role, API.md "Dossier actions"), unseen 404. Nothing changes.
    func testActionsAreRefusedInTheDocumentedOrderAndNeverLeak() throws {
        let table: [(String?, [Int])] = [
            //                      held transferred planning commune online
            ("centre",             [403, 403, 409, 404, 409]),
            ("commune",            [404, 404, 404, 409, 404]),
            ("justice.specialist", [403, 403, 404, 404, 409]),
            ("justice.leader",     [422, 422, 404, 404, 409]),  // acts on what its agency held (documented rule)
            ("justice.admin",      [403, 403, 404, 404, 409]),
            ("health.specialist",  [404, 403, 404, 404, 404]),
            ("health.leader",      [404, 422, 404, 404, 404]),
            ("monitor",            [403, 403, 409, 409, 409]),
            ("admin",              [403, 403, 409, 409, 409]),
            ("portal",             [404, 404, 404, 404, 404]),
            ("citizen",            [404, 404, 404, 404, 409]),
            ("citizen2",           [404, 404, 404, 404, 404]),
            (nil,                  [401, 401, 401, 401, 401]),
        ]
        let before = try count("dossier_events")
        try run(probes(table, method: "POST", path: { "/api/v1/dossiers/\(self.codes[$0]!)/actions" }, json: ["action": "complete"]))
        XCTAssertEqual(try count("dossier_events"), before, "no probe changed a dossier")
    }

    /// An upload with no file: whoever may add documents gets 422 (no file), a returned
    /// dossier 409, roles that never upload 403 whatever the code, unseen 404.
    func testDocumentUploadIsRefusedToReadOnlyRolesAndUnseenDossiers() throws {
        let table: [(String?, [Int])] = [
            //                      held transferred planning commune online
            ("centre",             [422, 422, 422, 404, 409]),
            ("commune",            [404, 404, 404, 422, 404]),
            ("justice.specialist", [422, 422, 404, 404, 409]),
            ("justice.leader",     [422, 422, 404, 404, 409]),
            ("justice.admin",      [422, 422, 404, 404, 409]),
            ("health.specialist",  [404, 422, 404, 404, 404]),
            ("health.leader",      [404, 422, 404, 404, 404]),
            ("monitor",            [403, 403, 403, 403, 403]),
            ("admin",              [403, 403, 403, 403, 403]),
            ("portal",             [403, 403, 403, 403, 403]),
            ("citizen",            [404, 404, 404, 404, 409]),
            ("citizen2",           [404, 404, 404, 404, 404]),
            (nil,                  [401, 401, 401, 401, 401]),
        ]
        let noFile = [FormPart(name: "note", filename: nil, contentType: nil, bytes: Array("không có tệp".utf8))]
        let before = try count("documents")
        try run(probes(table, method: "POST", path: { "/api/v1/dossiers/\(self.codes[$0]!)/documents" }, multipart: noFile))
        XCTAssertEqual(try count("documents"), before)
        // A role that never uploads gets the same 403 for a code that does not exist.
        try run([Probe(who: "portal", method: "POST", path: "/api/v1/dossiers/000.00.50.H55-990101-0001/documents",
                       multipart: noFile, expect: 403)])
    }

    func testDocumentDownloadFollowsTheDossiersVisibility() throws {
        // Columns of `visibility` for held (index 0) and online (index 4).
        var probes: [Probe] = []
        for (who, statuses) in Self.visibility {
            probes.append(Probe(who: who, method: "GET", path: "/api/v1/documents/\(heldDocument)", expect: statuses[0], about: .held))
            probes.append(Probe(who: who, method: "GET", path: "/api/v1/documents/\(onlineDocument)", expect: statuses[4], about: .online))
        }
        let replies = try run(probes)
        for reply in replies where reply.status == 200 {
            XCTAssertEqual(reply.body, Self.samplePDF)
        }
        try run([Probe(who: "monitor", method: "GET", path: "/api/v1/documents/999999", expect: 404)])
    }

    /// Mẫu 01 and Mẫu 05 follow the dossier's visibility; without a session: 303 to sign-in.
    func testPrintFormsFollowTheDossiersVisibility() throws {
        let pages = Self.visibility.map { who, statuses in (who, who == nil ? statuses.map { _ in 303 } : statuses) }
        for form in ["mau-01", "mau-05"] {
            let replies = try run(probes(pages, method: "GET", path: { "/ho-so/\(self.codes[$0]!)/\(form)" }))
            for reply in replies where reply.status == 303 {
                XCTAssertTrue(reply.headers["Location"]?.hasPrefix("/dang-nhap?next=") == true)
            }
        }
    }

    /// Only the applicant rates (signed in, or by the CCCD number); everyone else 404. The
    /// only returned dossier is `online`, already rated: its applicant gets 409.
    func testRatingIsTheApplicantsAlone() throws {
        let table: [(String?, [Int])] = Self.everyone.map { who in
            (who, who == "citizen" ? [404, 404, 404, 404, 409] : [404, 404, 404, 404, 404])
        }
        try run(probes(table, method: "POST", path: { "/api/v1/dossiers/\(self.codes[$0]!)/rating" }, json: Self.rating))
        var byNumber = Self.rating
        byNumber["id_number"] = Self.applicants[.online]!.idNumber
        var wrongNumber = Self.rating
        wrongNumber["id_number"] = Self.applicants[.held]!.idNumber
        try run([
            Probe(who: nil, method: "POST", path: "/api/v1/dossiers/\(codes[.online]!)/rating", json: byNumber, expect: 409),
            Probe(who: nil, method: "POST", path: "/api/v1/dossiers/\(codes[.online]!)/rating", json: wrongNumber, expect: 404, about: .online),
            Probe(who: "centre", method: "POST", path: "/api/v1/dossiers/\(codes[.held]!)/rating", json: byNumber, expect: 404, about: .held),
        ])
    }

    /// Intake is for citizens (online) and counter officers: an empty body reaches their
    /// validation (422); every other role 403; anonymous 401. HEAD answers as GET does.
    func testIntakeIsForCitizensAndCounterOfficersOnly() throws {
        let table: [(String?, Int)] = [
            ("centre", 422), ("commune", 422), ("justice.specialist", 403), ("justice.leader", 403), ("justice.admin", 403),
            ("health.specialist", 403), ("health.leader", 403), ("monitor", 403), ("admin", 403), ("portal", 403),
            ("citizen", 422), ("citizen2", 422), (nil, 401),
        ]
        XCTAssertEqual(table.count, Self.everyone.count)
        let before = try count("dossiers")
        try run(table.map { Probe(who: $0.0, method: "POST", path: "/api/v1/dossiers", json: [String: Any](), expect: $0.1) })
        XCTAssertEqual(try count("dossiers"), before)
        let heads = try run([
            Probe(who: "citizen2", method: "HEAD", path: "/api/v1/dossiers/\(codes[.online]!)", expect: 404),
            Probe(who: "health.specialist", method: "HEAD", path: "/api/v1/documents/\(heldDocument)", expect: 404),
            Probe(who: "citizen", method: "HEAD", path: "/api/v1/documents/\(onlineDocument)", expect: 200),
        ])
        XCTAssertTrue(heads.allSatisfy { $0.body.isEmpty })
    }

    /// Public tracking names no one and answers the same 404 to a wrong number.
    func testTrackingNeedsTheApplicantsNumber() throws {
        let held = codes[.held]!
        let replies = try run([
            Probe(who: nil, method: "GET", path: "/api/v1/track/\(held)?id_number=\(Self.applicants[.held]!.idNumber)", expect: 200),
            Probe(who: nil, method: "GET", path: "/api/v1/track/\(held)?id_number=\(Self.applicants[.planning]!.idNumber)",
                  expect: 404, about: .held),
            Probe(who: "citizen2", method: "GET", path: "/api/v1/track/\(held)?id_number=051190009999", expect: 404, about: .held),
        ])
        XCTAssertFalse(replies[0].text.contains(Self.applicants[.held]!.name), "tracking carries no personal data")
    }
}
