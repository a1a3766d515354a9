import Domain
import Foundation
import XCTest
@testable import App

/// The public catalogue over HTTP: agencies, procedure search and the full procedure shape.
final class CatalogueAPITests: AppTestCase {
    func items(_ reply: Reply) -> [[String: Any]] { reply.json["items"] as? [[String: Any]] ?? [] }
    func codes(_ reply: Reply) -> [String] { items(reply).compactMap { $0["code"] as? String } }

    func testAgenciesListTheWholeTreeWithLevelsParentsAndIdentifiers() throws {
        let reply = try call("GET", "/api/v1/agencies?limit=500")
        XCTAssertEqual(reply.status, 200, reply.text)
        let agencies = items(reply)
        XCTAssertEqual(agencies.count, 2 + 203)
        let province = try XCTUnwrap(agencies.first { $0["level"] as? String == "province" })
        XCTAssertTrue(province["parent_id"] is NSNull)
        XCTAssertEqual(province["identifier"] as? String, "000.00.00.H55")
        let commune = try XCTUnwrap(agencies.first { $0["name"] as? String == "Phường Chánh Lộ" })
        XCTAssertEqual(commune["level"] as? String, "commune")
        let parentID = try XCTUnwrap(commune["parent_id"] as? Int)
        XCTAssertEqual(agencies.first { $0["id"] as? Int == parentID }?["level"] as? String, "district")
        XCTAssertTrue(reply.json["next_cursor"] is NSNull)
    }

    func testAgenciesArePagedWithLimitAndCursor() throws {
        let first = try call("GET", "/api/v1/agencies?limit=100")
        XCTAssertEqual(items(first).count, 100)
        let cursor = try XCTUnwrap(first.json["next_cursor"] as? String)
        let second = try call("GET", "/api/v1/agencies?limit=500&cursor=\(cursor)")
        XCTAssertEqual(items(second).count, 105)
        XCTAssertEqual(items(second).first?["id"] as? Int, (items(first).last?["id"] as? Int).map { $0 + 1 })
        XCTAssertEqual(try call("GET", "/api/v1/agencies?limit=501").status, 422)
    }

    func names(_ reply: Reply) -> [String] { items(reply).compactMap { $0["name"] as? String } }

    func testSearchIgnoresCaseAndDiacriticsAndFoldsDToD() throws {
        let births: Set = ["Đăng ký khai sinh", "Đăng ký lại khai sinh", "Đăng ký khai sinh lưu động"]
        for query in ["dang%20ky%20khai%20sinh", "%C4%90%C4%82NG%20K%C3%9D%20KHAI%20SINH", "DANG%20KY%20KHAI%20SINH"] {
            let reply = try call("GET", "/api/v1/procedures?q=\(query)")
            XCTAssertEqual(reply.status, 200, reply.text)
            XCTAssertEqual(Set(names(reply)), births, query)
            // The name that is the query itself comes first.
            XCTAssertEqual(codes(reply).first, "1.001193", query)
        }
    }

    func testSearchMatchesPrefixesOfWordsForTypeAhead() throws {
        let reply = try call("GET", "/api/v1/procedures?q=dang%20ky%20thanh%20lap%20ho%20ki")
        XCTAssertEqual(reply.status, 200)
        let found = names(reply)
        XCTAssertEqual(found.count, 4, "\(found)")
        XCTAssertTrue(found.prefix(2).allSatisfy { $0.hasPrefix("Đăng ký thành lập hộ kinh doanh") }, "\(found)")
        XCTAssertEqual(codes(try call("GET", "/api/v1/procedures?q=khai%20sinh%20luu")), ["1.003583"])
        XCTAssertEqual(names(try call("GET", "/api/v1/procedures?q=khai%20sinh%20luux")), [])
    }

    func testExactDiacriticsRankFirst() throws {
        let store = ProcedureStore(database: application.database)
        func procedure(_ code: String, _ name: String) -> ProcedureDefinition {
            ProcedureDefinition(code: code, name: name, field: "Thử nghiệm", level: "commune", agencyID: nil,
                                timeLimit: TimeLimit(value: 1, unit: .workingDays), feeVND: nil, onlineLevel: "none")
        }
        _ = try store.importAll([procedure("T-1", "Xác nhận dương tính"), procedure("T-2", "Xác nhận đường đi")])
        // "đường" in the URL, percent-encoded UTF-8.
        let exactFirst = try call("GET", "/api/v1/procedures?q=x%C3%A1c%20nh%E1%BA%ADn%20%C4%91%C6%B0%E1%BB%9Dng")
        XCTAssertEqual(codes(exactFirst), ["T-2", "T-1"])
        let other = try call("GET", "/api/v1/procedures?q=x%C3%A1c%20nh%E1%BA%ADn%20d%C6%B0%C6%A1ng")
        XCTAssertEqual(codes(other), ["T-1", "T-2"])
    }

    func testAgencyAndFieldFiltersKeepWhatTheAgencyPerforms() throws {
        let agencies = items(try call("GET", "/api/v1/agencies?limit=500"))
        let justice = try XCTUnwrap(agencies.first { $0["name"] as? String == "Sở Tư pháp" }?["id"] as? Int)
        let ofJustice = items(try call("GET", "/api/v1/procedures?agency_id=\(justice)&limit=500"))
        XCTAssertFalse(ofJustice.isEmpty)
        XCTAssertTrue(ofJustice.allSatisfy { $0["agency_id"] as? Int == justice })
        let commune = try XCTUnwrap(agencies.first { $0["name"] as? String == "Phường Chánh Lộ" }?["id"] as? Int)
        let ofCommune = items(try call("GET", "/api/v1/procedures?agency_id=\(commune)&limit=500"))
        XCTAssertEqual(ofCommune.count, 16)
        XCTAssertTrue(ofCommune.allSatisfy { $0["level"] as? String == "commune" })
        let civilStatus = items(try call("GET", "/api/v1/procedures?field=ho%20tich&limit=500"))
        XCTAssertFalse(civilStatus.isEmpty)
        XCTAssertTrue(civilStatus.allSatisfy { $0["field"] as? String == "Hộ tịch" })
        let unknown = try call("GET", "/api/v1/procedures?agency_id=999999")
        XCTAssertEqual(unknown.status, 422)
        XCTAssertNotNil(unknown.fieldErrors["agency_id"])
    }

    func testProcedureHasTheFullShapeAndAnUnknownFeeIsNullNotZero() throws {
        let reply = try call("GET", "/api/v1/procedures/1.001193")
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["name"] as? String, "Đăng ký khai sinh")
        XCTAssertEqual(reply.json["level"] as? String, "commune")
        XCTAssertTrue(reply.json["agency_id"] is NSNull)
        XCTAssertEqual(reply.json["fee_vnd"] as? Int, 0)
        let limit = try XCTUnwrap(reply.json["time_limit"] as? [String: Any])
        // "Ngay trong ngày" is published as 8 working hours (Data/procedures-sample.md).
        XCTAssertEqual(limit["value"] as? Int, 8)
        XCTAssertEqual(limit["unit"] as? String, "working_hours")
        XCTAssertTrue(["none", "partial", "full"].contains(reply.json["online_level"] as? String ?? ""))
        let documents = try XCTUnwrap(reply.json["documents"] as? [[String: Any]])
        XCTAssertFalse(documents.isEmpty)
        XCTAssertEqual(documents.first?["required"] as? Bool, true)
        XCTAssertEqual(documents.first?["copies"] as? Int, 1)
        XCTAssertNotNil(reply.json["steps"] as? [Any])
        // Row 12 of the sample catalogue (land registration changes): fee set by the HĐND, unknown here.
        let land = try call("GET", "/api/v1/procedures/QNG-TTHC-012")
        XCTAssertEqual(land.status, 200)
        XCTAssertTrue(land.json["fee_vnd"] is NSNull, land.text)
        let missing = try call("GET", "/api/v1/procedures/0.000000")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.errorCode, "not_found")
    }
}
