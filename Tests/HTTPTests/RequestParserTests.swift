import HTTP
import XCTest

/// Every request in the table is fed whole, split in two at every point, one byte at a time,
/// and behind another request in one buffer; each way must give the same outcome.
final class RequestParserTests: XCTestCase {
    enum Expect {
        /// One complete message with this target and (merged) body.
        case accept(target: String, body: String = "")
        case reject(HTTPParseError)
    }

    static let host = "Host: a\r\n"
    static let chunkedHead = "POST /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
    static let lengthHead = "POST /u HTTP/1.1\r\nHost: a\r\n"

    /// One line per case: name, raw request, expected outcome.
    static let table: [(name: String, raw: String, expect: Expect)] = [
        // Valid requests.
        ("simple GET", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", .accept(target: "/")),
        ("HTTP/1.0 without Host", "GET /x HTTP/1.0\r\n\r\n", .accept(target: "/x")),
        ("query", "GET /s?q=1&r=%20 HTTP/1.1\r\n\(host)\r\n", .accept(target: "/s?q=1&r=%20")),
        ("OWS around values", "GET / HTTP/1.1\r\nHost: \t a \t\r\nX-Empty:\r\nX-Pad:   \r\n\r\n", .accept(target: "/")),
        ("Host any case", "GET / HTTP/1.1\r\nhOsT: a\r\n\r\n", .accept(target: "/")),
        ("HTAB and obs-text in value", "GET / HTTP/1.1\r\n\(host)X-T: a\tcafé\r\n\r\n", .accept(target: "/")),
        ("extension method", "PURGE /cache HTTP/1.1\r\n\(host)\r\n", .accept(target: "/cache")),
        ("leading empty lines", "\r\n\r\nGET / HTTP/1.1\r\n\(host)\r\n", .accept(target: "/")),
        ("asterisk with OPTIONS", "OPTIONS * HTTP/1.1\r\n\(host)\r\n", .accept(target: "*")),
        ("absolute form", "GET http://example.com:8080/a/b?c=1 HTTP/1.1\r\nHost: example.com\r\n\r\n", .accept(target: "/a/b?c=1")),
        ("absolute form without path", "GET HTTPS://example.com HTTP/1.1\r\n\(host)\r\n", .accept(target: "/")),
        ("absolute form with query only", "GET http://example.com?x=1 HTTP/1.1\r\n\(host)\r\n", .accept(target: "/?x=1")),
        ("Content-Length body", "\(lengthHead)Content-Length: 5\r\n\r\nhello", .accept(target: "/u", body: "hello")),
        ("Content-Length zero", "\(lengthHead)Content-Length: 0\r\n\r\n", .accept(target: "/u")),
        ("repeated equal Content-Length", "\(lengthHead)Content-Length: 3\r\ncontent-length: 3\r\n\r\nabc", .accept(target: "/u", body: "abc")),
        ("Content-Length list of equal values", "\(lengthHead)Content-Length: 3 , 3\r\n\r\nabc", .accept(target: "/u", body: "abc")),
        ("Content-Length with leading zeros", "\(lengthHead)Content-Length: 003\r\n\r\nabc", .accept(target: "/u", body: "abc")),
        ("chunked", "\(chunkedHead)5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", .accept(target: "/u", body: "hello world")),
        ("chunked uppercase hex", "\(chunkedHead)A\r\n0123456789\r\n0\r\n\r\n", .accept(target: "/u", body: "0123456789")),
        ("chunked lowercase hex", "\(chunkedHead)a\r\n0123456789\r\n0\r\n\r\n", .accept(target: "/u", body: "0123456789")),
        ("chunk extensions", "\(chunkedHead)5;name=value;flag\r\nhello\r\n0;x=\"y z\"\r\n\r\n", .accept(target: "/u", body: "hello")),
        ("BWS before chunk extension", "\(chunkedHead)5 \t;a=b\r\nhello\r\n0\r\n\r\n", .accept(target: "/u", body: "hello")),
        ("chunked with trailers", "\(chunkedHead)3\r\nabc\r\n0\r\nX-Sum: 1\r\nX-More:  x \r\n\r\n", .accept(target: "/u", body: "abc")),
        ("chunk data containing CRLF", "\(chunkedHead)4\r\n\r\n\r\n\r\n0\r\n\r\n", .accept(target: "/u", body: "\r\n\r\n")),
        ("Transfer-Encoding any case", "\(lengthHead)Transfer-Encoding: ChUnKeD\r\n\r\n0\r\n\r\n", .accept(target: "/u")),
        ("Transfer-Encoding empty elements", "\(lengthHead)Transfer-Encoding: , chunked ,\r\n\r\n0\r\n\r\n", .accept(target: "/u")),
        ("chunked without data", "\(chunkedHead)0\r\n\r\n", .accept(target: "/u")),

        // Request line.
        ("double space after method", "GET  / HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("double space before version", "GET /  HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("trailing space", "GET / HTTP/1.1 \r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("leading space", " GET / HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("tab separator", "GET\t/ HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("lowercase protocol name", "GET / http/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("bare LF after request line", "GET / HTTP/1.1\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("bare CR after request line", "GET / HTTP/1.1\rX\(host)\r\n", .reject(.invalidRequestLine)),
        ("HTTP/0.9 request line", "GET /\r\n\r\n", .reject(.invalidRequestLine)),
        ("method not a token", "G(T / HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("missing target", "GET HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("version without minor", "GET / HTTP/2\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("version with two-digit minor", "GET / HTTP/1.10\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("HTTP/2.0", "GET / HTTP/2.0\r\n\(host)\r\n", .reject(.unsupportedVersion)),
        ("HTTP/1.2", "GET / HTTP/1.2\r\n\(host)\r\n", .reject(.unsupportedVersion)),
        ("HTTP/0.9 version", "GET / HTTP/0.9\r\n\(host)\r\n", .reject(.unsupportedVersion)),
        ("relative target", "GET a/b HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("asterisk with GET", "GET * HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("asterisk with more", "OPTIONS *a HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("unknown scheme", "GET ftp://a/b HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("empty authority", "GET http:///a HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("userinfo", "GET http://u@a/ HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("authority form", "CONNECT a:443 HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("fragment in target", "GET /a#b HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("DEL in target", "GET /a\u{7F} HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("NUL in target", "GET /a\u{0} HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("non-ASCII target", "GET /hồ HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("too many leading empty lines", "\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("leading bare LF", "\nGET / HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),
        ("leading bare CR", "\rGET / HTTP/1.1\r\n\(host)\r\n", .reject(.invalidRequestLine)),

        // Host.
        ("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nX: y\r\n\r\n", .reject(.invalidHost)),
        ("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", .reject(.invalidHost)),
        ("Host with IPv6 literal and port", "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", .accept(target: "/")),
        ("Host with empty value", "GET / HTTP/1.1\r\nHost:\r\n\r\n", .accept(target: "/")),
        ("Host with name and port", "GET / HTTP/1.1\r\nHost: mot-cua.quangngai.gov.vn:443\r\n\r\n", .accept(target: "/")),
        ("Host with space inside", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", .reject(.invalidHost)),
        ("Host with slash", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", .reject(.invalidHost)),
        ("Host with bad port", "GET / HTTP/1.1\r\nHost: a:80x\r\n\r\n", .reject(.invalidHost)),
        ("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", .reject(.invalidHost)),
        ("Host with unclosed bracket", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", .reject(.invalidHost)),
        ("two Host fields in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nhost: b\r\n\r\n", .reject(.invalidHost)),

        // Field lines.
        ("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", .reject(.whitespaceBeforeColon)),
        ("tab before colon", "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", .reject(.whitespaceBeforeColon)),
        ("space inside name", "GET / HTTP/1.1\r\n\(host)X Y: a\r\n\r\n", .reject(.invalidHeaderField)),
        ("obs-fold", "GET / HTTP/1.1\r\n\(host)X: a\r\n b\r\n\r\n", .reject(.obsoleteLineFolding)),
        ("obs-fold with tab", "GET / HTTP/1.1\r\n\(host)X: a\r\n\tb\r\n\r\n", .reject(.obsoleteLineFolding)),
        ("whitespace before first field", "GET / HTTP/1.1\r\n \(host)\r\n", .reject(.obsoleteLineFolding)),
        ("bare CR in value", "GET / HTTP/1.1\r\n\(host)X: a\rb\r\n\r\n", .reject(.invalidControlCharacter)),
        ("bare CR ending a field line", "GET / HTTP/1.1\r\n\(host)X: a\rX: b\r\n\r\n", .reject(.invalidControlCharacter)),
        ("NUL in value", "GET / HTTP/1.1\r\n\(host)X: a\u{0}b\r\n\r\n", .reject(.invalidControlCharacter)),
        ("SOH in value", "GET / HTTP/1.1\r\n\(host)X: a\u{1}\r\n\r\n", .reject(.invalidControlCharacter)),
        ("DEL in value", "GET / HTTP/1.1\r\n\(host)X: a\u{7F}\r\n\r\n", .reject(.invalidControlCharacter)),
        ("bare LF ending a field line", "GET / HTTP/1.1\r\n\(host)X: a\n\r\n", .reject(.invalidControlCharacter)),
        ("bare LF ending the head", "GET / HTTP/1.1\r\n\(host)\n", .reject(.invalidControlCharacter)),
        ("bare CR ending the head", "GET / HTTP/1.1\r\n\(host)\rX", .reject(.invalidControlCharacter)),
        ("NUL in name", "GET / HTTP/1.1\r\n\(host)X\u{0}: a\r\n\r\n", .reject(.invalidControlCharacter)),
        ("NUL at line start", "GET / HTTP/1.1\r\n\(host)\u{0}X: a\r\n\r\n", .reject(.invalidControlCharacter)),
        ("empty name", "GET / HTTP/1.1\r\n\(host): a\r\n\r\n", .reject(.invalidHeaderField)),
        ("name not a token", "GET / HTTP/1.1\r\n\(host)X(y): a\r\n\r\n", .reject(.invalidHeaderField)),
        ("field line without colon", "GET / HTTP/1.1\r\n\(host)Xyz\r\n\r\n", .reject(.invalidHeaderField)),
        ("non-ASCII name", "GET / HTTP/1.1\r\n\(host)Tên: a\r\n\r\n", .reject(.invalidHeaderField)),

        // Framing.
        ("Transfer-Encoding with Content-Length", "\(lengthHead)Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .reject(.conflictingFraming)),
        ("Content-Length with Transfer-Encoding", "\(lengthHead)Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", .reject(.conflictingFraming)),
        ("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .reject(.conflictingFraming)),
        ("Content-Length with plus", "\(lengthHead)Content-Length: +5\r\n\r\nhello", .reject(.invalidContentLength)),
        ("Content-Length with minus", "\(lengthHead)Content-Length: -5\r\n\r\n", .reject(.invalidContentLength)),
        ("Content-Length with inner space", "\(lengthHead)Content-Length: 1 2\r\n\r\n", .reject(.invalidContentLength)),
        ("Content-Length in hex", "\(lengthHead)Content-Length: 0x5\r\n\r\n", .reject(.invalidContentLength)),
        ("Content-Length empty", "\(lengthHead)Content-Length:\r\n\r\n", .reject(.invalidContentLength)),
        ("Content-Length of 19 digits", "\(lengthHead)Content-Length: 1000000000000000000\r\n\r\n", .reject(.invalidContentLength)),
        ("Content-Length fraction", "\(lengthHead)Content-Length: 5.0\r\n\r\n", .reject(.invalidContentLength)),
        ("differing Content-Length fields", "\(lengthHead)Content-Length: 5\r\nContent-Length: 6\r\n\r\n", .reject(.invalidContentLength)),
        ("differing Content-Length list", "\(lengthHead)Content-Length: 5, 6\r\n\r\n", .reject(.invalidContentLength)),
        ("Content-Length list with empty element", "\(lengthHead)Content-Length: 5,,5\r\n\r\n", .reject(.invalidContentLength)),
        ("gzip alone", "\(lengthHead)Transfer-Encoding: gzip\r\n\r\n", .reject(.chunkedNotFinal)),
        ("chunked before gzip", "\(lengthHead)Transfer-Encoding: chunked, gzip\r\n\r\n", .reject(.chunkedNotFinal)),
        ("gzip before chunked", "\(lengthHead)Transfer-Encoding: gzip, chunked\r\n\r\n", .reject(.unsupportedTransferCoding)),
        ("gzip field then chunked field", "\(lengthHead)Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", .reject(.unsupportedTransferCoding)),
        ("chunked twice in a list", "\(lengthHead)Transfer-Encoding: chunked, chunked\r\n\r\n", .reject(.chunkedNotFinal)),
        ("chunked twice in two fields", "\(lengthHead)Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", .reject(.chunkedNotFinal)),
        ("identity", "\(lengthHead)Transfer-Encoding: identity\r\n\r\n", .reject(.chunkedNotFinal)),
        ("empty Transfer-Encoding", "\(lengthHead)Transfer-Encoding:\r\n\r\n", .reject(.chunkedNotFinal)),

        // Chunked bodies.
        ("chunk size not hex", "\(chunkedHead)g\r\n", .reject(.invalidChunk)),
        ("chunk size missing", "\(chunkedHead)\r\n", .reject(.invalidChunk)),
        ("chunk size with sign", "\(chunkedHead)-1\r\n", .reject(.invalidChunk)),
        ("chunk size with 0x", "\(chunkedHead)0x5\r\nhello\r\n0\r\n\r\n", .reject(.invalidChunk)),
        ("chunk size of 16 digits", "\(chunkedHead)0000000000000001\r\nh\r\n0\r\n\r\n", .reject(.invalidChunk)),
        ("chunk size with trailing space", "\(chunkedHead)5 \r\nhello\r\n0\r\n\r\n", .reject(.invalidChunk)),
        ("chunk size line with bare LF", "\(chunkedHead)5\nhello\r\n0\r\n\r\n", .reject(.invalidChunk)),
        ("chunk data without CRLF", "\(chunkedHead)5\r\nhelloX\r\n0\r\n\r\n", .reject(.invalidChunk)),
        ("chunk data with bare LF", "\(chunkedHead)5\r\nhello\n0\r\n\r\n", .reject(.invalidChunk)),
        ("chunk data too long", "\(chunkedHead)2\r\nhello\r\n0\r\n\r\n", .reject(.invalidChunk)),
        ("control byte in chunk extension", "\(chunkedHead)5;a\u{1}\r\nhello\r\n0\r\n\r\n", .reject(.invalidChunk)),
        ("trailer obs-fold", "\(chunkedHead)0\r\nX: a\r\n b\r\n\r\n", .reject(.obsoleteLineFolding)),
        ("trailer space before colon", "\(chunkedHead)0\r\nX : a\r\n\r\n", .reject(.whitespaceBeforeColon)),
        ("trailer bare CR", "\(chunkedHead)0\r\nX: a\rb\r\n\r\n", .reject(.invalidControlCharacter)),
        ("trailer NUL", "\(chunkedHead)0\r\nX: \u{0}\r\n\r\n", .reject(.invalidControlCharacter)),
        ("trailer without colon", "\(chunkedHead)0\r\nX\r\n\r\n", .reject(.invalidHeaderField)),
        ("bare LF after last chunk", "\(chunkedHead)0\r\n\n", .reject(.invalidControlCharacter)),
    ]

    /// A valid request used before and after each case when pipelining.
    static let neighbour = "POST /n HTTP/1.1\r\nHost: n\r\nContent-Length: 3\r\n\r\nxyz"

    func testEveryCaseHasTheExpectedOutcomeWhenFedWhole() {
        for (name, raw, expect) in Self.table {
            let outcome = parseWhole(raw)
            switch expect {
            case .accept(let target, let body):
                XCTAssertNil(outcome.error, name)
                XCTAssertEqual(outcome.items.count, body.isEmpty ? 2 : 3, "\(name): \(outcome)")
                XCTAssertEqual(outcome.heads.first?.target, target, name)
                XCTAssertEqual(outcome.bodies.first ?? [], Array(body.utf8), name)
                XCTAssertEqual(outcome.items.last, .end, name)
            case .reject(let error):
                XCTAssertEqual(outcome.error, error, "\(name): \(outcome)")
                XCTAssertFalse(outcome.items.contains(.end), name)
            }
        }
    }

    func testEveryCaseGivesTheSameOutcomeWhenSplitAtEveryPoint() {
        for (name, raw, _) in Self.table {
            let bytes = Array(raw.utf8)
            let whole = parseChunks([bytes])
            for split in 1..<bytes.count {
                let outcome = parseChunks([Array(bytes[..<split]), Array(bytes[split...])])
                XCTAssertEqual(outcome, whole, "\(name) split at \(split)")
            }
        }
    }

    func testEveryCaseGivesTheSameOutcomeWhenFedOneByteAtATime() {
        for (name, raw, _) in Self.table {
            let bytes = Array(raw.utf8)
            XCTAssertEqual(parseByteByByte(bytes), parseChunks([bytes]), name)
        }
    }

    func testEveryCaseGivesTheSameOutcomeBetweenPipelinedRequests() {
        let neighbour = parseWhole(Self.neighbour)
        XCTAssertNil(neighbour.error)
        for (name, raw, _) in Self.table {
            let alone = parseWhole(raw)
            let pipelined = parseWhole(Self.neighbour + raw + Self.neighbour)
            var expected = ParseOutcome(items: neighbour.items + alone.items, error: alone.error)
            if alone.error == nil { expected.items += neighbour.items }
            XCTAssertEqual(pipelined, expected, name)
            let bytes = Array((Self.neighbour + raw + Self.neighbour).utf8)
            XCTAssertEqual(parseByteByByte(bytes), expected, "\(name) byte by byte")
        }
    }
}
