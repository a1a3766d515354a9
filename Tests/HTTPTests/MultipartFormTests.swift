import Foundation
import HTTP
import XCTest

/// Whole forms read from memory and from spooled files, with file parts written to disk.
final class MultipartFormTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "motcua-multipart-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(atPath: directory)
    }

    let contentType = "multipart/form-data; boundary=XyZ"

    func filesInDirectory() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
    }

    func part(_ disposition: String, type: String? = nil, _ content: [UInt8]) -> [UInt8] {
        var head = "--XyZ\r\nContent-Disposition: \(disposition)\r\n"
        if let type { head += "Content-Type: \(type)\r\n" }
        return Array((head + "\r\n").utf8) + content + Array("\r\n".utf8)
    }

    static let binary: [UInt8] = [0, 1, 255, 13, 10, 120] + Array("--XyZ\r\n\r\n--Xy--".utf8) + [13, 10, 45, 45]

    func testFieldsAndFilePartsAreReadFromBytes() throws {
        let body = part("form-data; name=\"ho_ten\"", Array("Trần Thị Bích".utf8))
            + part("form-data; name=\"tep\"; filename=\"giay to.pdf\"", type: "application/pdf", Self.binary)
            + Array("--XyZ--\r\n".utf8)
        let parts = try MultipartForm.parse(.bytes(body), contentType: contentType, directory: directory)
        XCTAssertEqual(parts.count, 2)
        XCTAssertEqual(parts[0].name, "ho_ten")
        XCTAssertNil(parts[0].filename)
        XCTAssertEqual(parts[0].content, .text("Trần Thị Bích"))
        XCTAssertEqual(parts[1].name, "tep")
        XCTAssertEqual(parts[1].filename, "giay to.pdf")
        XCTAssertEqual(parts[1].contentType, "application/pdf")
        guard case .file(let path, let size) = parts[1].content else { return XCTFail("not a file part") }
        XCTAssertEqual(size, Self.binary.count)
        XCTAssertTrue(path.hasPrefix(directory + "/"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data(Self.binary))
        XCTAssertEqual(try filesInDirectory().count, 1)
    }

    func testLargeFileIsStreamedFromASpooledBody() throws {
        // 300 KB spanning several 64 KiB reads, full of CRLF and dashes.
        var content: [UInt8] = []
        var generator = SystemRandomNumberGenerator()
        while content.count < 300_000 {
            content += [13, 10, 45, 45, UInt8.random(in: 0...255, using: &generator), 88]
        }
        let body = part("form-data; name=\"a\"", Array("1".utf8))
            + part("form-data; name=\"scan\"; filename=\"scan.bin\"", content)
            + Array("--XyZ--".utf8)
        let bodyPath = directory + "/body"
        try Data(body).write(to: URL(fileURLWithPath: bodyPath))
        let request = Request(
            head: RequestHead(method: .post, target: "/", version: .http1_1, headers: ["Content-Type": contentType]),
            body: .file(path: bodyPath, size: body.count))
        let parts = try MultipartForm.parse(request, directory: directory)
        XCTAssertEqual(parts.map(\.name), ["a", "scan"])
        guard case .file(let path, let size) = parts[1].content else { return XCTFail("not a file part") }
        XCTAssertEqual(size, content.count)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data(content))
    }

    func testExtendedFilenameIsPreferredAndPathsAreStripped() throws {
        let body = part("form-data; name=\"a\"; filename=\"fallback.txt\"; filename*=UTF-8''h%E1%BB%93%20s%C6%A1.txt", Array("x".utf8))
            + part("form-data; name=\"b\"; filename=\"C:\\\\Users\\\\an\\\\to khai.doc\"", Array("y".utf8))
            + part("form-data; name=\"c\"; filename=\"\"", [])
            + Array("--XyZ--".utf8)
        let parts = try MultipartForm.parse(.bytes(body), contentType: contentType, directory: directory)
        XCTAssertEqual(parts.map(\.filename), ["hồ sơ.txt", "to khai.doc", ""])
        guard case .file(_, let size) = parts[2].content else { return XCTFail("an empty filename is still a file part") }
        XCTAssertEqual(size, 0)
    }

    func testPartWithoutNameIsRejectedAndWrittenFilesAreRemoved() throws {
        let body = part("form-data; name=\"f\"; filename=\"a.bin\"", Self.binary)
            + part("form-data; filename=\"b.bin\"", Self.binary)
            + Array("--XyZ--".utf8)
        XCTAssertThrowsError(try MultipartForm.parse(.bytes(body), contentType: contentType, directory: directory)) {
            XCTAssertEqual($0 as? MultipartError, .missingName)
        }
        XCTAssertEqual(try filesInDirectory(), [])
    }

    func testTruncatedBodyIsRejectedAndItsFileRemoved() throws {
        let body = part("form-data; name=\"f\"; filename=\"a.bin\"", Self.binary) + Array("--XyZ\r\nContent-Dispo".utf8)
        XCTAssertThrowsError(try MultipartForm.parse(.bytes(body), contentType: contentType, directory: directory)) {
            XCTAssertEqual($0 as? MultipartError, .truncated)
        }
        let unclosed = Array("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\nabc".utf8)
        XCTAssertThrowsError(try MultipartForm.parse(.bytes(unclosed), contentType: contentType, directory: directory)) {
            XCTAssertEqual($0 as? MultipartError, .truncated)
        }
        XCTAssertEqual(try filesInDirectory(), [])
    }

    func testTextFieldOverLimitIsRejected() throws {
        var limits = MultipartForm.Limits()
        limits.maxFieldBytes = 10
        let exact = part("form-data; name=\"a\"", Array("0123456789".utf8)) + Array("--XyZ--".utf8)
        XCTAssertEqual(try MultipartForm.parse(.bytes(exact), contentType: contentType, directory: directory, limits: limits).first?.content, .text("0123456789"))
        let over = part("form-data; name=\"a\"", Array("0123456789A".utf8)) + Array("--XyZ--".utf8)
        XCTAssertThrowsError(try MultipartForm.parse(.bytes(over), contentType: contentType, directory: directory, limits: limits)) {
            XCTAssertEqual($0 as? MultipartError, .fieldTooLarge)
            XCTAssertEqual(($0 as? MultipartError)?.status, 413)
        }
    }

    func testOtherDispositionOrContentTypeIsRejected() {
        let body = part("attachment; name=\"a\"", Array("1".utf8)) + Array("--XyZ--".utf8)
        XCTAssertThrowsError(try MultipartForm.parse(.bytes(body), contentType: contentType, directory: directory)) {
            XCTAssertEqual($0 as? MultipartError, .malformed)
        }
        XCTAssertThrowsError(try MultipartForm.parse(.bytes(body), contentType: "text/plain", directory: directory)) {
            XCTAssertEqual($0 as? MultipartError, .invalidBoundary)
        }
    }

    func testUnwritableDirectoryIsAFileSystemError() {
        let body = part("form-data; name=\"f\"; filename=\"a.bin\"", Self.binary) + Array("--XyZ--".utf8)
        XCTAssertThrowsError(try MultipartForm.parse(.bytes(body), contentType: contentType, directory: directory + "/missing")) {
            guard case .fileSystem(let call, let code)? = $0 as? MultipartError else { return XCTFail("\($0)") }
            XCTAssertEqual(call, "open")
            XCTAssertEqual(code, ENOENT)
        }
    }
}
