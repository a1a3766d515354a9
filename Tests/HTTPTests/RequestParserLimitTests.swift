import HTTP
import XCTest

/// Exact-boundary limit tests, body limits, the parsed head's contents and the dead state.
final class RequestParserLimitTests: XCTestCase {
    /// A request line of exactly `length` bytes (CRLF excluded).
    func requestLine(length: Int) -> String {
        let fixed = "GET / HTTP/1.1".utf8.count
        return "GET /" + String(repeating: "a", count: length - fixed) + " HTTP/1.1"
    }

    /// Field lines whose bytes, CRLFs included, add up to exactly `length`.
    func fieldSection(length: Int) -> String {
        let host = "Host: a\r\n"
        let fill = length - host.utf8.count - "X-Fill: \r\n".utf8.count
        return host + "X-Fill: " + String(repeating: "f", count: fill) + "\r\n"
    }

    func assertSameEachWay(_ text: String, limits: HTTPLimits = HTTPLimits(), file: StaticString = #filePath, line: UInt = #line) -> ParseOutcome {
        let whole = parseWhole(text, limits: limits)
        XCTAssertEqual(parseByteByByte(Array(text.utf8), limits: limits), whole, file: file, line: line)
        return whole
    }

    func testRequestLineAtLimitIsAccepted() {
        let outcome = assertSameEachWay(requestLine(length: 8192) + "\r\nHost: a\r\n\r\n")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.heads.first?.target.utf8.count, 8192 - "GET  HTTP/1.1".utf8.count)
    }

    func testRequestLineOverLimitIsRejectedWith414() {
        let outcome = assertSameEachWay(requestLine(length: 8193) + "\r\nHost: a\r\n\r\n")
        XCTAssertEqual(outcome.error, .requestLineTooLong)
        XCTAssertEqual(outcome.error?.status, 414)
    }

    func testRequestLineOverLimitIsRejectedBeforeItsCRLF() {
        // Only the first 8193 bytes of an endless target: the error must not wait for CRLF.
        let bytes = Array(("GET /" + String(repeating: "a", count: 8188)).utf8)
        XCTAssertEqual(bytes.count, 8193)
        XCTAssertEqual(parseChunks([bytes]).error, .requestLineTooLong)
        XCTAssertNil(parseChunks([Array(bytes.dropLast())]).error)
        XCTAssertEqual(parseByteByByte(bytes).error, .requestLineTooLong)
    }

    func testHeaderSectionAtLimitIsAccepted() {
        let outcome = assertSameEachWay("GET / HTTP/1.1\r\n" + fieldSection(length: 32 * 1024) + "\r\n")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.items.last, .end)
    }

    func testHeaderSectionOverLimitIsRejectedWith431() {
        let outcome = assertSameEachWay("GET / HTTP/1.1\r\n" + fieldSection(length: 32 * 1024 + 1) + "\r\n")
        XCTAssertEqual(outcome.error, .headerSectionTooLarge)
        XCTAssertEqual(outcome.error?.status, 431)
    }

    func testHundredFieldsAreAcceptedAndTheHundredAndFirstIsRejectedWith431() {
        let fields = (1..<100).map { "X-\($0): v\r\n" }.joined()
        let accepted = assertSameEachWay("GET / HTTP/1.1\r\nHost: a\r\n\(fields)\r\n")
        XCTAssertNil(accepted.error)
        XCTAssertEqual(accepted.heads.first?.headers.count, 100)
        let rejected = assertSameEachWay("GET / HTTP/1.1\r\nHost: a\r\n\(fields)X-Last: v\r\n\r\n")
        XCTAssertEqual(rejected.error, .tooManyHeaderFields)
        XCTAssertEqual(rejected.error?.status, 431)
    }

    func testChunkSizeWithFifteenDigitsIsAcceptedAndSixteenAreRejected() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        let ok = assertSameEachWay(head + "000000000000003\r\nabc\r\n0\r\n\r\n")
        XCTAssertEqual(ok.bodies, [Array("abc".utf8)])
        XCTAssertEqual(assertSameEachWay(head + "0000000000000003\r\nabc\r\n0\r\n\r\n").error, .invalidChunk)
    }

    func testTrailersAtLimitAreAcceptedAndOverLimitRejectedWith431() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        let fill = 8192 - "X-T: \r\n".utf8.count
        let ok = assertSameEachWay(head + "X-T: " + String(repeating: "t", count: fill) + "\r\n\r\n")
        XCTAssertNil(ok.error)
        XCTAssertEqual(ok.items.last, .end)
        let over = assertSameEachWay(head + "X-T: " + String(repeating: "t", count: fill + 1) + "\r\n\r\n")
        XCTAssertEqual(over.error, .headerSectionTooLarge)
    }

    func testDeclaredLengthOverBodyLimitIsRejectedWith413BeforeAnyBodyByte() throws {
        let request = Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world".utf8)
        var parser = RequestParser()
        try request.withUnsafeBytes { raw in
            guard case .some((let consumed, .head)) = try? parser.parse(raw) else { return XCTFail("no head") }
            parser.bodyLimit = 10
            XCTAssertThrowsError(try parser.parse(UnsafeRawBufferPointer(rebasing: raw[consumed...]))) {
                XCTAssertEqual($0 as? HTTPParseError, .bodyTooLarge)
            }
        }
        XCTAssertEqual(parseChunks([request], bodyLimit: 10).error, .bodyTooLarge)
        XCTAssertEqual(parseChunks([request], bodyLimit: 11).bodies, [Array("hello world".utf8)])
        XCTAssertEqual(HTTPParseError.bodyTooLarge.status, 413)
    }

    func testBodyLimitCanBeRaisedAfterTheHead() {
        var limits = HTTPLimits()
        limits.maxBodyBytes = 4
        let request = Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello".utf8)
        XCTAssertEqual(parseChunks([request], limits: limits).error, .bodyTooLarge)
        XCTAssertEqual(parseChunks([request], limits: limits, bodyLimit: 5).bodies, [Array("hello".utf8)])
    }

    func testChunkedBodyOverLimitIsRejectedAsSoonAsTheSizeIsKnown() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        let exact = Array((head + "5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n").utf8)
        XCTAssertEqual(parseChunks([exact], bodyLimit: 10).bodies, [Array("helloworld".utf8)])
        // The size digit "6" alone already takes the total to 11: no need to wait for the data.
        let over = Array((head + "5\r\nhello\r\n6").utf8)
        let outcome = parseChunks([over], bodyLimit: 10)
        XCTAssertEqual(outcome.error, .bodyTooLarge)
        XCTAssertEqual(outcome.bodies, [Array("hello".utf8)])
        XCTAssertEqual(parseByteByByte(over, bodyLimit: 10), outcome)
    }

    func testHeadHoldsMethodTargetVersionAndTrimmedFieldsInOrder() {
        let text = "POST /a?b=c HTTP/1.1\r\nHost: example.com\r\nUser-Agent:  curl/8.0 \r\nAccept: */*\r\nX-Tab:\ta\tb\t\r\nX-Empty:\r\nContent-Length: 0\r\n\r\n"
        let outcome = parseWhole(text)
        guard let head = outcome.heads.first else { return XCTFail("no head: \(outcome)") }
        XCTAssertEqual(head.method, .post)
        XCTAssertEqual(head.target, "/a?b=c")
        XCTAssertEqual(head.path, "/a")
        XCTAssertEqual(head.query, "b=c")
        XCTAssertEqual(head.version, .http1_1)
        XCTAssertEqual(head.headers.fields.map(\.name), ["Host", "User-Agent", "Accept", "X-Tab", "X-Empty", "Content-Length"])
        XCTAssertEqual(head.headers.fields.map(\.value), ["example.com", "curl/8.0", "*/*", "a\tb", "", "0"])
        XCTAssertEqual(head.headers["user-agent"], "curl/8.0")
    }

    func testExtensionMethodKeepsItsCaseSensitiveToken() {
        XCTAssertEqual(parseWhole("get / HTTP/1.0\r\n\r\n").heads.first?.method.rawValue, "get")
        XCTAssertNotEqual(parseWhole("get / HTTP/1.0\r\n\r\n").heads.first?.method, .get)
        XCTAssertEqual(parseWhole("GET / HTTP/1.0\r\n\r\n").heads.first?.version, .http1_0)
    }

    func testParserIsDeadAfterAnErrorAndRethrowsIt() throws {
        var parser = RequestParser()
        let bad = Array("GET / HTTP/1.1\r\nHost : a\r\n\r\n".utf8)
        let good = Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        try bad.withUnsafeBytes { raw in
            XCTAssertThrowsError(try parser.parse(raw)) { XCTAssertEqual($0 as? HTTPParseError, .whitespaceBeforeColon) }
        }
        try good.withUnsafeBytes { raw in
            XCTAssertThrowsError(try parser.parse(raw)) { XCTAssertEqual($0 as? HTTPParseError, .whitespaceBeforeColon) }
            XCTAssertThrowsError(try parser.parse(UnsafeRawBufferPointer(rebasing: raw[0..<0])))
        }
    }

    func testBodyRangesIndexIntoTheBufferPassedIn() throws {
        var parser = RequestParser()
        let bytes = Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET".utf8)
        try bytes.withUnsafeBytes { raw in
            let (headBytes, _) = try parser.parse(raw)
            let rest = UnsafeRawBufferPointer(rebasing: raw[headBytes...])
            let (consumed, event) = try parser.parse(rest)
            XCTAssertEqual(consumed, 3)
            XCTAssertEqual(event, .body(0..<3))
            let (endConsumed, end) = try parser.parse(UnsafeRawBufferPointer(rebasing: rest[3...]))
            XCTAssertEqual(endConsumed, 0)
            XCTAssertEqual(end, .end)
        }
    }

    func testIncompleteRequestNeedsMoreAndConsumesEverything() throws {
        var parser = RequestParser()
        let bytes = Array("GET / HTTP/1.1\r\nHo".utf8)
        try bytes.withUnsafeBytes { raw in
            let (consumed, event) = try parser.parse(raw)
            XCTAssertEqual(consumed, bytes.count)
            XCTAssertEqual(event, .needMore)
        }
        let rest = Array("st: a\r\n\r\n".utf8)
        try rest.withUnsafeBytes { raw in
            let (consumed, event) = try parser.parse(raw)
            XCTAssertEqual(consumed, rest.count)
            guard case .head(let head) = event else { return XCTFail("expected a head, got \(event)") }
            XCTAssertEqual(head.headers["Host"], "a")
        }
    }

    func testFramingOfTheLastHeadIsExposedUntilItsEnd() throws {
        let cases: [(String, RequestParser.Framing)] = [
            ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", .none),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\n\r\n", .length(7)),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", .chunked),
        ]
        for (text, expected) in cases {
            var parser = RequestParser()
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBytes { raw in
                XCTAssertEqual(parser.framing, .none)
                let (_, event) = try parser.parse(raw)
                guard case .head = event else { return XCTFail("no head for \(text)") }
                XCTAssertEqual(parser.framing, expected, text)
            }
        }
    }

    func testChunkSizeThatWouldOverflowIsAnInvalidChunk() {
        var limits = HTTPLimits()
        limits.maxChunkSizeDigits = 20
        limits.maxBodyBytes = Int.max
        let text = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + String(repeating: "f", count: 17) + "\r\n"
        XCTAssertEqual(parseWhole(text, limits: limits).error, .invalidChunk)
    }

    func testParserIsMidMessageFromTheFirstRequestByteUntilEnd() throws {
        var parser = RequestParser()
        XCTAssertFalse(parser.isMidMessage)
        let steps: [(String, Bool)] = [
            ("\r\n", false),
            ("P", true),
            ("OST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n", true),
            ("o", true),
            ("k", true),
        ]
        for (text, expected) in steps {
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let (consumed, _) = try Array(bytes).withUnsafeBytes { try parser.parse($0) }
                bytes = bytes.dropFirst(consumed)
            }
            XCTAssertEqual(parser.isMidMessage, expected, text.debugDescription)
        }
        let (_, end) = try [UInt8]().withUnsafeBytes { try parser.parse($0) }
        XCTAssertEqual(end, .end)
        XCTAssertFalse(parser.isMidMessage)
    }
}
