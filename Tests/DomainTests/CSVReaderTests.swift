import XCTest
import Domain

final class CSVReaderTests: XCTestCase {
    func testPlainRecordsSplitOnCommasAndLineBreaks() throws {
        let records = try CSVReader.records("a,b,c\r\n1,2,3\n")
        XCTAssertEqual(records.map(\.fields), [["a", "b", "c"], ["1", "2", "3"]])
        XCTAssertEqual(records.map(\.line), [1, 2])
    }

    func testQuotedFieldsKeepCommasQuotesAndNewlines() throws {
        let text = "name,note\n\"Sở Tư pháp, tỉnh Quảng Ngãi\",\"nói \"\"xin chào\"\"\"\n\"hai\ndòng\",x\nlast,y"
        let records = try CSVReader.records(text)
        XCTAssertEqual(records.map(\.fields), [
            ["name", "note"],
            ["Sở Tư pháp, tỉnh Quảng Ngãi", "nói \"xin chào\""],
            ["hai\ndòng", "x"],
            ["last", "y"],
        ])
        XCTAssertEqual(records.map(\.line), [1, 2, 3, 5])
    }

    func testEmptyFieldsAreKeptAndEmptyLinesSkipped() throws {
        let records = try CSVReader.records("\u{FEFF}a,,\n\n,\n\"\"\n")
        XCTAssertEqual(records.map(\.fields), [["a", "", ""], ["", ""], [""]])
        XCTAssertEqual(records.map(\.line), [1, 3, 4])
    }

    func testMalformedInputIsRejectedWithItsLine() {
        XCTAssertThrowsError(try CSVReader.records("a\n\"open,b\nc")) {
            XCTAssertEqual($0 as? CSVError, .unterminatedQuote(line: 2))
        }
        XCTAssertThrowsError(try CSVReader.records("a\nab\"c\n")) {
            XCTAssertEqual($0 as? CSVError, .quoteInUnquotedField(line: 2))
        }
        XCTAssertThrowsError(try CSVReader.records("\"a\"b,c")) {
            XCTAssertEqual($0 as? CSVError, .textAfterClosingQuote(line: 1))
        }
        XCTAssertThrowsError(try CSVReader.records("a\rb")) {
            XCTAssertEqual($0 as? CSVError, .bareCarriageReturn(line: 1))
        }
    }

    func testTableChecksColumnsAndFieldCounts() throws {
        let table = try CSVReader.table("code, name\nX1,\"A, B\"\n", required: ["code", "name"])
        XCTAssertEqual(table.header, ["code", "name"])
        XCTAssertEqual(table.rows.first.flatMap { table.value("name", in: $0) }, "A, B")
        XCTAssertThrowsError(try CSVReader.table("code\nX\n", required: ["name"])) {
            XCTAssertEqual($0 as? CSVError, .missingColumn("name"))
        }
        XCTAssertThrowsError(try CSVReader.table("a,b\n1,2\n3\n")) {
            XCTAssertEqual($0 as? CSVError, .fieldCount(line: 3, expected: 2, found: 1))
        }
        XCTAssertThrowsError(try CSVReader.table("")) { XCTAssertEqual($0 as? CSVError, .missingHeader) }
    }

    func testEveryErrorHasAVietnameseMessageWithTheLine() {
        XCTAssertEqual(CSVError.unterminatedQuote(line: 7).message, "Dòng 7: dấu ngoặc kép mở nhưng không được đóng.")
        XCTAssertTrue(CSVError.fieldCount(line: 3, expected: 5, found: 4).message.hasPrefix("Dòng 3:"))
    }
}

extension CSVReaderTests {
    /// Quotes are found and doubled as bytes: a quote followed by a combining mark is one
    /// Swift Character that is not `"` (found by `make fuzz FUZZ_TARGET=domain`), and CRLF is
    /// one Character that is neither CR nor LF.
    func testWriterQuotesAQuoteFollowedByACombiningMarkAndCRLF() throws {
        let fields = ["a\"\u{030B}b", "x,\"\u{0301}", "line\r\nbreak", "\"\u{0300}", "plain Đăng ký"]
        var writer = CSVWriter()
        writer.write(fields)
        XCTAssertEqual(writer.text, "\"a\"\"\u{030B}b\",\"x,\"\"\u{0301}\",\"line\r\nbreak\",\"\"\"\u{0300}\",plain Đăng ký\r\n")
        XCTAssertEqual(try CSVReader.records(writer.text).map(\.fields), [fields])
    }
}

extension CSVReaderTests {
    /// What the writer writes, the reader reads back, for fields made of the characters that
    /// matter to CSV mixed with Vietnamese letters and combining marks (seeded, repeatable).
    func testWhatTheWriterWritesTheReaderReadsBack() throws {
        let pieces = ["\"", ",", "\r", "\n", "\r\n", "a", "Đ", "ă", "ệ", " ", "\u{0301}", "\u{030B}", "\u{0323}", "x\"y", ""]
        var random = SeededGenerator(seed: 2026_12_07)
        for round in 0..<500 {
            let records: [[String]] = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                (0..<Int.random(in: 1...5, using: &random)).map { _ in
                    (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                }
            }.filter { $0 != [""] }  // a record of one empty field is an empty line, which readers skip
            var writer = CSVWriter()
            records.forEach { writer.write($0) }
            XCTAssertEqual(try CSVReader.records(writer.text).map(\.fields), records, "round \(round): \(writer.text.debugDescription)")
        }
    }
}
