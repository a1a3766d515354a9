import HTTP
import XCTest

/// Multipart events normalised for comparison: data merged per part.
enum MultipartItem: Equatable {
    case head([String])
    case data([UInt8])
    case partEnd
    case end
}

/// Feeds `chunks` to a parser; returns the items, then the error thrown by a feed or by finish().
func parseMultipart(_ chunks: [[UInt8]], boundary: String = "XyZ", maxPartHeaderBytes: Int = 8192, maxParts: Int = 1000) -> (items: [MultipartItem], error: MultipartError?) {
    var parser = MultipartParser(boundary: boundary, maxPartHeaderBytes: maxPartHeaderBytes, maxParts: maxParts)
    var items: [MultipartItem] = []
    do {
        for chunk in chunks {
            for event in try parser.feed(chunk) {
                switch event {
                case .partHead(let headers): items.append(.head(headers.fields.map { "\($0.name)=\($0.value)" }))
                case .partData(let bytes):
                    XCTAssertFalse(bytes.isEmpty, "empty data event")
                    if case .data(let previous)? = items.last {
                        items[items.count - 1] = .data(previous + bytes)
                    } else {
                        items.append(.data(bytes))
                    }
                case .partEnd: items.append(.partEnd)
                case .end: items.append(.end)
                }
            }
        }
        try parser.finish()
    } catch {
        return (items, error)
    }
    return (items, nil)
}

final class MultipartParserTests: XCTestCase {
    /// Binary data with NUL, 0xFF, CRLFs, `--XyZ` without CRLF and a partial delimiter.
    static let binary: [UInt8] = [0, 255, 13, 10] + Array("x--XyZ--\r\n-\r\n--Xy\r\r\n--X".utf8) + [13, 10, 13]

    static var body: [UInt8] {
        Array("preamble to ignore\r\n--XyZ\r\nContent-Disposition: form-data; name=\"ho_ten\"\r\n\r\nNguyễn Văn A\r\n--XyZ  \r\n".utf8)
            + Array("Content-Disposition: form-data; name=\"tep\"; filename=\"hồ sơ.bin\"\r\nContent-Type:  application/octet-stream \r\n\r\n".utf8)
            + binary + Array("\r\n--XyZ--\r\nepilogue, ignored\r\n".utf8)
    }

    static let expected: [MultipartItem] = [
        .head(["Content-Disposition=form-data; name=\"ho_ten\""]),
        .data(Array("Nguyễn Văn A".utf8)),
        .partEnd,
        .head(["Content-Disposition=form-data; name=\"tep\"; filename=\"hồ sơ.bin\"", "Content-Type=application/octet-stream"]),
        .data(binary),
        .partEnd,
        .end,
    ]

    func testWholeBodyGivesHeadsDataAndEnds() {
        let result = parseMultipart([Self.body])
        XCTAssertNil(result.error)
        XCTAssertEqual(result.items, Self.expected)
    }

    func testEverySplitPointGivesTheSameResult() {
        let body = Self.body
        for split in 1..<body.count {
            let result = parseMultipart([Array(body[..<split]), Array(body[split...])])
            XCTAssertNil(result.error, "split at \(split)")
            XCTAssertEqual(result.items, Self.expected, "split at \(split)")
        }
    }

    func testOneByteAtATimeGivesTheSameResult() {
        let result = parseMultipart(Self.body.map { [$0] })
        XCTAssertNil(result.error)
        XCTAssertEqual(result.items, Self.expected)
    }

    func testBodyStartingWithTheDelimiterNeedsNoPreamble() {
        let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--".utf8)
        let result = parseMultipart([body])
        XCTAssertNil(result.error)
        XCTAssertEqual(result.items, [.head(["Content-Disposition=form-data; name=\"a\""]), .data([UInt8(ascii: "1")]), .partEnd, .end])
    }

    func testPartWithoutHeadersOrDataIsAllowed() {
        let result = parseMultipart([Array("--XyZ\r\n\r\n\r\n--XyZ--".utf8)])
        XCTAssertNil(result.error)
        XCTAssertEqual(result.items, [.head([]), .partEnd, .end])
    }

    func testEveryTruncationBeforeTheCloseDelimiterIsReportedByFinish() {
        let body = Self.body
        let closeEnd = body.count - "\r\nepilogue, ignored\r\n".utf8.count
        for length in 0..<closeEnd {
            let result = parseMultipart([Array(body[..<length])])
            XCTAssertEqual(result.error, .truncated, "cut at \(length)")
            XCTAssertFalse(result.items.contains(.end), "cut at \(length)")
        }
        XCTAssertNil(parseMultipart([Array(body[..<closeEnd])]).error)
    }

    func testMissingCloseDelimiterIsTruncated() {
        let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ\r\n".utf8)
        XCTAssertEqual(parseMultipart([body]).error, .truncated)
        XCTAssertEqual(parseMultipart([Array("no delimiter at all".utf8)]).error, .truncated)
    }

    func testMalformedInputIsRejected() {
        let cases: [(String, String, MultipartError)] = [
            ("text after delimiter", "--XyZ junk\r\n\r\n--XyZ--", .malformed),
            ("bare LF after delimiter", "--XyZ\n\r\n--XyZ--", .malformed),
            ("header without colon", "--XyZ\r\nNoColon\r\n\r\nx\r\n--XyZ--", .malformed),
            ("space before colon", "--XyZ\r\nName : v\r\n\r\nx\r\n--XyZ--", .malformed),
            ("obs-fold", "--XyZ\r\nA: v\r\n w\r\n\r\nx\r\n--XyZ--", .malformed),
            ("control byte in header", "--XyZ\r\nA: v\u{1}\r\n\r\nx\r\n--XyZ--", .malformed),
            ("bare CR in header", "--XyZ\r\nA: v\rB: w\r\n\r\nx\r\n--XyZ--", .malformed),
        ]
        for (name, text, error) in cases {
            let bytes = Array(text.utf8)
            XCTAssertEqual(parseMultipart([bytes]).error, error, name)
            XCTAssertEqual(parseMultipart(bytes.map { [$0] }).error, error, "\(name) byte by byte")
        }
    }

    func testPartHeaderSectionOverLimitIsRejected() {
        let header = "A: " + String(repeating: "v", count: 93) + "\r\n\r\n"  // 100 bytes with the blank line
        let body = Array("--XyZ\r\n\(header)x\r\n--XyZ--".utf8)
        XCTAssertNil(parseMultipart([body], maxPartHeaderBytes: 100).error)
        XCTAssertEqual(parseMultipart([body], maxPartHeaderBytes: 99).error, .partHeaderTooLarge)
        XCTAssertEqual(parseMultipart(body.map { [$0] }, maxPartHeaderBytes: 99).error, .partHeaderTooLarge)
    }

    func testPartsOverLimitAreRejected() {
        let part = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
        let two = Array((part + part + "--XyZ--").utf8)
        XCTAssertNil(parseMultipart([two], maxParts: 2).error)
        XCTAssertEqual(parseMultipart([two], maxParts: 1).error, .tooManyParts)
    }

    func testParserIsDeadAfterAnError() {
        var parser = MultipartParser(boundary: "XyZ")
        XCTAssertThrowsError(try parser.feed(Array("--XyZ junk\r\n".utf8)))
        XCTAssertThrowsError(try parser.feed(Array("--XyZ--".utf8))) { XCTAssertEqual($0 as? MultipartError, .malformed) }
        XCTAssertThrowsError(try parser.finish()) { XCTAssertEqual($0 as? MultipartError, .malformed) }
    }

    func testBoundaryIsReadFromContentType() {
        let seventy = String(repeating: "b", count: 70)
        let cases: [(String, String?)] = [
            ("multipart/form-data; boundary=XyZ", "XyZ"),
            ("Multipart/Form-Data; BOUNDARY=\"a b:c?=\"", "a b:c?="),
            ("multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW", "----WebKitFormBoundary7MA4YWxkTrZu0gW"),
            ("multipart/form-data; boundary=\(seventy)", seventy),
            ("multipart/form-data; boundary=\(seventy)b", nil),
            ("multipart/form-data; boundary=\"\"", nil),
            ("multipart/form-data; boundary=\"ends with space \"", nil),
            ("multipart/form-data; boundary=\"semi;colon\"", nil),
            ("multipart/form-data; boundary=\"open", nil),
            ("multipart/form-data", nil),
            ("multipart/mixed; boundary=XyZ", nil),
            ("text/plain; boundary=XyZ", nil),
        ]
        for (contentType, expected) in cases {
            XCTAssertEqual(MultipartParser.boundary(fromContentType: contentType), expected, contentType)
        }
    }
}
