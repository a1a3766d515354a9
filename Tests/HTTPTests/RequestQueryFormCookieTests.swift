import HTTP
import XCTest

/// Query strings, urlencoded form bodies and cookies of a `Request`.
final class RequestQueryFormCookieTests: XCTestCase {
    func request(target: String = "/", headers: HTTPHeaders = ["Host": "a"], body: RequestBody = .empty) -> Request {
        Request(head: RequestHead(method: .post, target: target, version: .http1_1, headers: headers), body: body)
    }

    func form(_ body: String, contentType: String = "application/x-www-form-urlencoded") -> Request {
        request(headers: ["Content-Type": contentType], body: .bytes(Array(body.utf8)))
    }

    func pairs(_ items: [(name: String, value: String)]) -> [String] {
        items.map { "\($0.name)=\($0.value)" }
    }

    // MARK: - Query

    func testQueryItemsAreDecodedInOrderWithPlusAsSpace() {
        let items = request(target: "/search?q=h%E1%BB%93+s%C6%A1&page=2&q=again").queryItems
        XCTAssertEqual(pairs(items), ["q=hồ sơ", "page=2", "q=again"])
    }

    func testQueryLooksUpTheFirstValueByName() {
        let request = request(target: "/s?code=A%2FB&code=second&flag")
        XCTAssertEqual(request.query("code"), "A/B")
        XCTAssertEqual(request.query("flag"), "")
        XCTAssertNil(request.query("missing"))
        XCTAssertNil(request.query("Code"))
    }

    func testMalformedQueryPairsAreSkipped() {
        // %ZZ is no escape, %E1%BB is a truncated UTF-8 sequence, %FF is never UTF-8.
        let items = request(target: "/s?a=%ZZ&b=%E1%BB&c=%FF&d=ok&%=x&=empty&&e=%41%42").queryItems
        XCTAssertEqual(pairs(items), ["d=ok", "e=AB"])
    }

    func testTargetWithoutQueryHasNoItems() {
        XCTAssertTrue(request(target: "/plain").queryItems.isEmpty)
        XCTAssertTrue(request(target: "/empty?").queryItems.isEmpty)
    }

    func testValueMayContainEqualsSigns() {
        XCTAssertEqual(request(target: "/s?token=a=b==").query("token"), "a=b==")
    }

    // MARK: - Form

    func testFormFieldsAreDecodedFromAnURLEncodedBody() {
        let request = form("ho_ten=Nguy%E1%BB%85n+V%C4%83n+A&dia_chi=Qu%E1%BA%A3ng+Ng%C3%A3i&tick")
        XCTAssertEqual(pairs(request.formFields()), ["ho_ten=Nguyễn Văn A", "dia_chi=Quảng Ngãi", "tick="])
        XCTAssertEqual(request.formField("dia_chi"), "Quảng Ngãi")
        XCTAssertNil(request.formField("missing"))
    }

    func testFormMediaTypeIsCaseInsensitiveAndMayHaveACharset() {
        XCTAssertEqual(form("a=1", contentType: "Application/X-WWW-Form-URLEncoded; charset=UTF-8").formField("a"), "1")
        XCTAssertEqual(form("a=1", contentType: " application/x-www-form-urlencoded ;charset=utf-8").formField("a"), "1")
    }

    func testOtherContentTypesHaveNoFormFields() {
        XCTAssertTrue(form("a=1", contentType: "text/plain").formFields().isEmpty)
        XCTAssertTrue(form("a=1", contentType: "application/x-www-form-urlencodedx").formFields().isEmpty)
        XCTAssertTrue(request(body: .bytes(Array("a=1".utf8))).formFields().isEmpty)
        let spooled = request(headers: ["Content-Type": "application/x-www-form-urlencoded"], body: .file(path: "/nonexistent", size: 3))
        XCTAssertTrue(spooled.formFields().isEmpty)
    }

    func testFormPairsWithInvalidBytesAreSkipped() {
        var bytes = Array("a=%C3%28&b=".utf8)
        bytes.append(0xFF)  // a raw byte that is not UTF-8
        bytes += Array("&c=x%20y".utf8)
        let request = request(headers: ["Content-Type": "application/x-www-form-urlencoded"], body: .bytes(bytes))
        XCTAssertEqual(pairs(request.formFields()), ["c=x y"])
    }

    // MARK: - Cookies

    func testCookiesAreSplitAndTrimmed() {
        let request = request(headers: ["Cookie": "session=abc123;  theme=dark ;lang=vi"])
        XCTAssertEqual(request.cookies, ["session": "abc123", "theme": "dark", "lang": "vi"])
        XCTAssertEqual(request.cookie("lang"), "vi")
    }

    func testFirstCookieOccurrenceWinsAcrossFields() {
        let headers = HTTPHeaders([(name: "Cookie", value: "a=1; b=2; a=3"), (name: "cookie", value: "b=4; c=5")])
        XCTAssertEqual(request(headers: headers).cookies, ["a": "1", "b": "2", "c": "5"])
    }

    func testQuotedCookieValuesAreUnquoted() {
        let request = request(headers: ["Cookie": "q=\"quoted value\"; half=\"open; empty=\"\""])
        XCTAssertEqual(request.cookies, ["q": "quoted value", "half": "\"open", "empty": ""])
    }

    func testMalformedCookiePairsAreSkipped() {
        let request = request(headers: ["Cookie": "novalue; =x; bad name=1; ok=y=z; tên=v"])
        XCTAssertEqual(request.cookies, ["ok": "y=z"])
    }

    func testRequestWithoutCookieFieldHasNoCookies() {
        XCTAssertTrue(request().cookies.isEmpty)
    }
}
