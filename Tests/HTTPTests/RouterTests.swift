import HTTP
import XCTest

/// Route matching and the router's own answers, without sockets.
final class RouterTests: XCTestCase {
    private func request(_ method: HTTPMethod, _ target: String) -> Request {
        Request(head: RequestHead(method: method, target: target, version: .http1_1, headers: ["Host": "t"]))
    }

    private func makeRouter() -> Router {
        var router = Router()
        router.add(.get, "/") { _ in .text("root") }
        router.add(.get, "/api/v1/dossiers/{code}") { .text("show \($0.pathParameters["code"] ?? "")") }
        router.add(.get, "/api/v1/dossiers/new") { _ in .text("new form") }
        router.add(.put, "/api/v1/dossiers/{id}") { .text("update \($0.pathParameters["id"] ?? "")") }
        router.add(.get, "/users/{user}/files/{file}") { r in
            .text("\(r.pathParameters["user"] ?? "")/\(r.pathParameters["file"] ?? "")")
        }
        router.add(.get, "/static/{path...}") { .text("static \($0.pathParameters["path"] ?? "")") }
        return router
    }

    func testLiteralRouteWinsOverAParameter() {
        XCTAssertEqual(makeRouter().respond(to: request(.get, "/api/v1/dossiers/new")).body.text, "new form")
    }

    func testParametersArePercentDecoded() {
        let response = makeRouter().respond(to: request(.get, "/api/v1/dossiers/H%E1%BB%93%20s%C6%A1?x=1"))
        XCTAssertEqual(response.body.text, "show Hồ sơ")
    }

    func testSeveralParametersAndTheRootPath() {
        let router = makeRouter()
        XCTAssertEqual(router.respond(to: request(.get, "/users/an/files/a.pdf")).body.text, "an/a.pdf")
        XCTAssertEqual(router.respond(to: request(.get, "/")).body.text, "root")
    }

    func testCatchAllTakesTheRestOfThePath() {
        XCTAssertEqual(makeRouter().respond(to: request(.get, "/static/css/app.css")).body.text, "static css/app.css")
    }

    func testParameterRoutesWithDifferentNamesShareMethodsFor405() {
        let response = makeRouter().respond(to: request(.delete, "/api/v1/dossiers/X1"))
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.headers["Allow"], "GET, PUT, HEAD, OPTIONS")
    }

    func testEmptyParameterAndExtraSegmentsAre404() {
        let router = makeRouter()
        XCTAssertEqual(router.respond(to: request(.get, "/api/v1/dossiers/")).status, 404)
        XCTAssertEqual(router.respond(to: request(.get, "/api/v1/dossiers/a/b")).status, 404)
        XCTAssertEqual(router.respond(to: request(.get, "/api/v1/dossiers/%zz")).status, 404)
    }

    func testCustomErrorRendererKeepsAllowOn405() {
        var router = makeRouter()
        router.errorRenderer = { error, _ in .text("{\"error\":true}", status: (error as? HTTPError)?.status ?? 500) }
        let response = router.respond(to: request(.post, "/"))
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.headers["Allow"], "GET, HEAD, OPTIONS")
        XCTAssertEqual(response.body.text, "{\"error\":true}")
    }

    func testHeadFallsBackToGetAndAbsoluteFormTargetsRoute() {
        let router = makeRouter()
        XCTAssertEqual(router.respond(to: request(.head, "/")).body.text, "root")
        XCTAssertEqual(router.respond(to: request(.get, "http://example.com/api/v1/dossiers/Q")).body.text, "show Q")
    }
}

extension ResponseBody {
    /// The bytes of a `.bytes` body as text, for assertions.
    var text: String? {
        if case let .bytes(bytes) = self { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }
}
