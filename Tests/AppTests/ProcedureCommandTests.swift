import Foundation
import Storage
import XCTest
@testable import App

/// `motcua procedures import` and `export`, run as the real executable.
final class ProcedureCommandTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)  // best effort cleanup
    }

    var database: String { directory.appendingPathComponent("cli.sqlite").path }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ServerProcess.run(arguments + ["--db", database])
    }

    func procedureRows() throws -> [String: (version: Int, limit: Int)] {
        let db = try Database(path: database)
        defer { db.close() }
        var rows = [String: (version: Int, limit: Int)]()
        for row in try db.read({ try $0.query("SELECT code, version, time_limit_value FROM procedures") }) {
            rows[try row.string("code")] = (try row.int("version"), try row.int("time_limit_value"))
        }
        return rows
    }

    static let header = "code,name,field,level,agency_id,time_limit_value,time_limit_unit,fee_vnd,online_level,documents,steps\n"

    func testExportThenImportRoundTripsInCSVAndJSONWithoutChanges() throws {
        for format in ["csv", "json"] {
            let exported = try run(["procedures", "export", "--format", format])
            XCTAssertEqual(exported.status, 0, exported.output)
            let path = try write("catalogue.\(format)", exported.output)
            let imported = try run(["procedures", "import", path])
            XCTAssertEqual(imported.status, 0, imported.output)
            XCTAssertTrue(imported.output.contains("không đổi 47"), imported.output)
            let again = try run(["procedures", "export", "--format", format])
            XCTAssertEqual(again.output, exported.output, format)
        }
        XCTAssertTrue(try procedureRows().values.allSatisfy { $0.version == 1 })
    }

    func testImportAddsNewCodesAndBumpsTheVersionOfChangedOnes() throws {
        let csv = Self.header + """
            1.001193,Đăng ký khai sinh,Hộ tịch,commune,,5,working_days,0,full,"[{""name"":""Tờ khai đăng ký khai sinh"",""required"":true,""copies"":1}]","[{""name"":""Thẩm định"",""role"":""specialist"",""time_limit"":{""value"":4,""unit"":""working_hours""}}]"
            TEST-001,"Thủ tục thử nghiệm, có dấu phẩy",Thử nghiệm,district,,3,working_hours,,none,,

            """
        let path = try write("new.csv", csv)
        let result = try run(["procedures", "import", path])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("thêm mới 1, cập nhật 1"), result.output)
        let rows = try procedureRows()
        XCTAssertEqual(rows["1.001193"]?.version, 2)
        XCTAssertEqual(rows["1.001193"]?.limit, 5)
        XCTAssertEqual(rows["TEST-001"]?.version, 1)
        XCTAssertEqual(rows.count, 48)
        let json = try run(["procedures", "export", "--format", "json"])
        let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        let birth = try XCTUnwrap(items.first { $0["code"] as? String == "1.001193" })
        XCTAssertEqual((birth["steps"] as? [[String: Any]])?.first?["role"] as? String, "specialist")
        XCTAssertTrue(try XCTUnwrap(items.first { $0["code"] as? String == "TEST-001" })["fee_vnd"] is NSNull)
    }

    func testABadFileIsRefusedWithNumberedVietnameseErrorsAndNothingWritten() throws {
        let csv = Self.header + """
            TEST-001,Thủ tục đúng,Thử nghiệm,district,,3,working_days,0,none,,
            1.001193,Đăng ký khai sinh,Hộ tịch,commune,,5,working_days,0,full,,
            TEST-002,Thủ tục sai,Thử nghiệm,district,,0,working_days,0,none,,
            TEST-003,Thủ tục sai,Thử nghiệm,city,,2,days,-5,sometimes,[oops,
            TEST-001,Trùng mã,Thử nghiệm,district,,3,working_days,0,none,,
            TEST-004,Cấp tỉnh thiếu cơ quan,Thử nghiệm,province,,3,working_days,0,none,,
            TEST-005,Cơ quan không có,Thử nghiệm,province,99999,3,working_days,0,none,,

            """
        let result = try run(["procedures", "import", try write("bad.csv", csv)])
        XCTAssertEqual(result.status, 1, result.output)
        for expected in ["dòng 4: thời hạn giải quyết phải là số nguyên dương", "dòng 5: cấp thực hiện",
                         "dòng 5: đơn vị thời hạn giải quyết", "dòng 5: lệ phí", "dòng 5: mức độ trực tuyến",
                         "dòng 5: thành phần hồ sơ", "dòng 6: mã thủ tục TEST-001 đã có ở dòng 2",
                         "dòng 7: thủ tục cấp tỉnh", "dòng 8: không có cơ quan mã 99999"] {
            XCTAssertTrue(result.output.contains(expected), "\(expected)\n\(result.output)")
        }
        XCTAssertFalse(result.output.contains("dòng 2:"), result.output)
        let rows = try procedureRows()
        XCTAssertNil(rows["TEST-001"])
        XCTAssertEqual(rows["1.001193"]?.version, 1)
        XCTAssertEqual(rows.count, 47)
    }

    func testJSONImportNamesTheItemAndAcceptsTheAPIShape() throws {
        let json = """
            [{"code": "TEST-J1", "name": "Thủ tục JSON", "field": "Thử nghiệm", "level": "commune",
              "time_limit": {"value": 2, "unit": "working_days"}, "fee_vnd": null, "online_level": "partial",
              "documents": [{"name": "Đơn đề nghị", "required": true, "copies": 2}], "steps": []},
             {"code": "TEST-J2", "name": "", "field": "Thử nghiệm", "level": "commune",
              "time_limit": {"value": 2, "unit": "working_days"}}]
            """
        let bad = try run(["procedures", "import", try write("bad.json", json)])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.output.contains("mục 2: thiếu tên thủ tục"), bad.output)
        XCTAssertNil(try procedureRows()["TEST-J1"])
        let good = try run(["procedures", "import", try write("good.json", json.replacingOccurrences(of: "\"name\": \"\"", with: "\"name\": \"Có tên\""))])
        XCTAssertEqual(good.status, 0, good.output)
        XCTAssertEqual(try procedureRows()["TEST-J1"]?.limit, 2)
    }

    func testHelpDescribesImportAndExport() throws {
        let help = try ServerProcess.run(["--help"])
        XCTAssertTrue(help.output.contains("motcua procedures import FILE"), help.output)
        XCTAssertTrue(help.output.contains("motcua procedures export"), help.output)
    }

    func testMissingFileAndBadFormatAreClearErrors() throws {
        let missing = try run(["procedures", "import", directory.appendingPathComponent("khong-co.csv").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.output.contains("khong-co.csv"), missing.output)
        let format = try run(["procedures", "export", "--format", "xml"])
        XCTAssertEqual(format.status, 2)
        XCTAssertTrue(format.output.contains("xml"), format.output)
        XCTAssertEqual(try run(["procedures"]).status, 2)
    }
}
