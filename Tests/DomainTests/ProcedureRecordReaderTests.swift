import XCTest
import Domain

final class ProcedureRecordReaderTests: XCTestCase {
    let reader = ProcedureRecordReader(agencyIDs: [3, 4])
    let header = "code,name,field,level,agency_id,time_limit_value,time_limit_unit,fee_vnd,online_level,documents,steps\n"

    func problems(_ result: Result<[ProcedureDefinition], ProcedureImportError>) -> [String] {
        if case .failure(let error) = result { return error.problems }
        return []
    }

    func testAValidCSVRowBecomesAProcedureWithDocumentsAndSteps() throws {
        let csv = header + #"P-1,"Cấp phép, thử",Xây dựng,province,3,15,working_days,,full,"[{""name"":""Đơn"",""required"":false,""copies"":2}]","[{""name"":""Thẩm định"",""role"":""specialist"",""time_limit"":{""value"":10,""unit"":""working_days""}}]""#
        let procedures = try reader.readCSV(csv).get()
        XCTAssertEqual(procedures, [ProcedureDefinition(
            code: "P-1", name: "Cấp phép, thử", field: "Xây dựng", level: "province", agencyID: 3,
            timeLimit: TimeLimit(value: 15, unit: .workingDays), feeVND: nil, onlineLevel: "full",
            documents: [.init(name: "Đơn", required: false, copies: 2)],
            steps: [.init(name: "Thẩm định", role: "specialist", timeLimit: TimeLimit(value: 10, unit: .workingDays))])])
    }

    func testEveryProblemIsReportedWithItsLine() {
        let csv = header + "P-1,Tên,Lĩnh vực,commune,,abc,working_days,0,none,,\n"
            + "P-2,,Lĩnh vực,commune,,1,weeks,x,none,,\"[{\"\"name\"\":\"\"Bước\"\",\"\"role\"\":\"\"admin\"\"}]\"\n"
            + "P-1,Tên,Lĩnh vực,commune,7,1,working_days,0,none,,\n"
        XCTAssertEqual(problems(reader.readCSV(csv)), [
            "dòng 2: thời hạn giải quyết phải là số nguyên dương (tối đa 10000)",
            "dòng 3: thiếu tên thủ tục",
            "dòng 3: đơn vị thời hạn giải quyết phải là working_days hoặc working_hours",
            "dòng 3: lệ phí phải là số nguyên không âm (đồng), hoặc để trống khi chưa rõ",
            "dòng 3: bước thứ 1: vai trò phải là counter_officer, specialist hoặc leader",
            "dòng 4: không có cơ quan mã 7",
            "dòng 4: mã thủ tục P-1 đã có ở dòng 2",
        ])
    }

    func testAMissingColumnOrAnEmptyFileIsRefused() {
        XCTAssertEqual(problems(reader.readCSV("code,name\nP-1,Tên\n")), ["Dòng tiêu đề thiếu cột \"field\"."])
        XCTAssertEqual(problems(reader.readCSV(header)), ["Tệp không có thủ tục nào."])
    }

    func testJSONItemsAreNamedByPositionAndMayUseTheNestedTimeLimit() throws {
        let json = #"[{"code":"J-1","name":"Tên","field":"F","level":"district","time_limit":{"value":3,"unit":"working_hours"},"fee_vnd":0},{"code":"J-2"}]"#
        XCTAssertEqual(problems(reader.readJSON(Array(json.utf8))).first, "mục 2: thiếu tên thủ tục")
        let one = #"{"items":[{"code":"J-1","name":"Tên","field":"F","level":"district","time_limit":{"value":3,"unit":"working_hours"},"fee_vnd":0}]}"#
        let procedure = try XCTUnwrap(try reader.readJSON(Array(one.utf8)).get().first)
        XCTAssertEqual(procedure.timeLimit, TimeLimit(value: 3, unit: .workingHours))
        XCTAssertEqual(procedure.feeVND, 0)
        XCTAssertEqual(procedure.onlineLevel, "none")
        XCTAssertEqual(problems(reader.readJSON(Array("nope".utf8))), ["Tệp JSON không hợp lệ: cần một mảng các thủ tục."])
    }

    func testCSVWriterQuotesWhatRFC4180RequiresAndReadsBack() throws {
        var writer = CSVWriter()
        writer.write(["a", "b,c", "say \"hi\"", "two\nlines", ""])
        XCTAssertEqual(writer.text, "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
        XCTAssertEqual(try CSVReader.records(writer.text).first?.fields, ["a", "b,c", "say \"hi\"", "two\nlines", ""])
    }
}

final class ContactDetailsTests: XCTestCase {
    func testVietnameseMobileNumbersAreNormalizedToTheNationalForm() {
        XCTAssertEqual(MobilePhoneNumber.normalized("0905123456"), "0905123456")
        XCTAssertEqual(MobilePhoneNumber.normalized("+84 905 123 456"), "0905123456")
        XCTAssertEqual(MobilePhoneNumber.normalized("84-388.123.456"), "0388123456")
        for bad in ["", "0123456789", "090512345", "09051234567", "0905l23456", "+1 905 123 4567", "0205123456"] {
            XCTAssertNil(MobilePhoneNumber.normalized(bad), bad)
        }
    }

    func testEmailAddressesNeedALocalPartAndADottedDomain() {
        for good in ["binh@example.vn", "tran.van-binh+hs@mail.quangngai.gov.vn"] {
            XCTAssertTrue(EmailAddressSyntax.isValid(good), good)
        }
        for bad in ["", "binh", "binh@", "@example.vn", "binh@example", "bi nh@example.vn", "binh@@example.vn",
                    ".binh@example.vn", "binh@-example.vn", "binh@example..vn"] {
            XCTAssertFalse(EmailAddressSyntax.isValid(bad), bad)
        }
    }
}
