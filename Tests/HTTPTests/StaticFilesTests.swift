import Foundation
import HTTP
import TestSupport
import XCTest

/// Static files over the real server: safety, types, validators and revalidation.
final class StaticFilesTests: XCTestCase {
    private var directory = ""
    private var root = ""
    private var server: TestServer!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "/motcua-static-\(UUID().uuidString)"
        root = directory + "/public"
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/css", withIntermediateDirectories: true)
        try Data("body{color:red}".utf8).write(to: URL(fileURLWithPath: root + "/css/app.css"))
        try Data("<svg/>".utf8).write(to: URL(fileURLWithPath: root + "/logo.svg"))
        try Data("blob".utf8).write(to: URL(fileURLWithPath: root + "/data.unknownext"))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: directory + "/secret.txt"))
        try manager.createSymbolicLink(atPath: root + "/escape.txt", withDestinationPath: directory + "/secret.txt")
        try manager.createSymbolicLink(atPath: root + "/inside.css", withDestinationPath: root + "/css/app.css")
        let big = [UInt8](repeating: 66, count: 300 * 1024)
        try Data(big).write(to: URL(fileURLWithPath: root + "/big.txt"))

        let files = StaticFiles(root: root)
        var router = Router()
        router.add(.get, "/static/{path...}") { request in
            files.respond(to: request, path: request.pathParameters["path"] ?? "")
        }
        server = try TestServer(router: router)
    }

    override func tearDownWithError() throws {
        server.stop()
        try FileManager.default.removeItem(atPath: directory)
    }

    private func get(_ target: String, headers: [(String, String)] = []) throws -> RawResponse {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", target, headers: headers))
        return try client.readResponse()
    }

    func testFileIsServedWithTypeValidatorsAndCacheControl() throws {
        let response = try get("/static/css/app.css")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "body{color:red}")
        XCTAssertEqual(response.headers["Content-Type"], "text/css; charset=utf-8")
        XCTAssertEqual(response.headers["Cache-Control"], "public, max-age=3600")
        XCTAssertNotNil(response.headers["ETag"])
        XCTAssertEqual(response.headers["Last-Modified"]?.hasSuffix(" GMT"), true)
    }

    func testMIMETypesFollowTheExtension() throws {
        XCTAssertEqual(try get("/static/logo.svg").headers["Content-Type"], "image/svg+xml")
        XCTAssertEqual(try get("/static/data.unknownext").headers["Content-Type"], "application/octet-stream")
    }

    func testEscapesAreAnswered404() throws {
        let table = [
            "/static/../secret.txt",
            "/static/css/../../secret.txt",
            "/static/%2e%2e/secret.txt",
            "/static/%2E%2E/secret.txt",
            "/static/css%2f..%2f..%2fsecret.txt",
            "/static/..%5csecret.txt",
            "/static/..\\secret.txt",
            "/static/app.css%00.txt",
            "/static/escape.txt",
            "/static/",
            "/static/css",
            "/static/missing.css",
        ]
        for target in table {
            let response = try get(target)
            XCTAssertEqual(response.status, 404, target)
            XCTAssertFalse(response.text.contains("secret"), target)
        }
    }

    func testSymlinkInsideTheRootIsServed() throws {
        XCTAssertEqual(try get("/static/inside.css").text, "body{color:red}")
    }

    func testMatchingETagIs304WithoutBody() throws {
        let first = try get("/static/css/app.css")
        let etag = try XCTUnwrap(first.headers["ETag"])
        let second = try get("/static/css/app.css", headers: [("If-None-Match", "\"other\", " + etag)])
        XCTAssertEqual(second.status, 304)
        XCTAssertEqual(second.body, [])
        XCTAssertEqual(second.headers["ETag"], etag)
        XCTAssertEqual(try get("/static/css/app.css", headers: [("If-None-Match", "\"other\"")]).status, 200)
    }

    func testIfModifiedSinceAtOrAfterTheFileIs304() throws {
        let lastModified = try XCTUnwrap(try get("/static/css/app.css").headers["Last-Modified"])
        XCTAssertEqual(try get("/static/css/app.css", headers: [("If-Modified-Since", lastModified)]).status, 304)
        XCTAssertEqual(
            try get("/static/css/app.css", headers: [("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")]).status, 200)
    }

    func testChangedFileIsServedFreshAfterRevalidation() throws {
        let old = try get("/static/logo.svg")
        let path = root + "/logo.svg"
        try Data("<svg>new</svg>".utf8).write(to: URL(fileURLWithPath: path))
        // Push the mtime forward so the change is visible even within one clock second.
        var times = [timespec(tv_sec: time(nil) + 5, tv_nsec: 0), timespec(tv_sec: time(nil) + 5, tv_nsec: 0)]
        XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
        // The cache re-checks the disk at most once a second: wait on the clock, not on the server.
        let start = time(nil)
        while time(nil) == start { usleep(20_000) }
        let new = try get("/static/logo.svg")
        XCTAssertEqual(new.text, "<svg>new</svg>")
        XCTAssertNotEqual(new.headers["ETag"], old.headers["ETag"])
    }

    func testLargeFileIsStreamedFromDisk() throws {
        let response = try get("/static/big.txt")
        XCTAssertEqual(response.headers["Content-Length"], String(300 * 1024))
        XCTAssertEqual(response.body.count, 300 * 1024)
        XCTAssertTrue(response.body.allSatisfy { $0 == 66 })
    }

    func testHeadGivesHeadersOnly() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("HEAD", "/static/css/app.css") + TestServer.request("GET", "/static/logo.svg"))
        let head = try client.readResponse(isHead: true)
        XCTAssertEqual(head.headers["Content-Length"], "15")
        XCTAssertEqual(try client.readResponse().text, "<svg/>")
    }
}
