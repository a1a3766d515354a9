import Foundation
import HTTP
import Storage
import TestSupport
import XCTest
@testable import App
@testable import Domain

/// Starts the real application on an ephemeral port over a fresh SQLite file with the
/// province's reference data and one account per role (cheap password hashing), and talks
/// to it over real sockets.
class AppTestCase: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let password = "mat-khau-thu-nghiem"

    var directory: URL!
    var application: Application!
    var port: Int { application.port }
    var tokens: [String: String] = [:]
    var users: [String: User] = [:]

    /// Account name → (role, agency name).
    static let accounts: [(String, Role, String?)] = [
        ("centre", .counterOfficer, ReferenceData.centreName),
        ("commune", .counterOfficer, "Phường Chánh Lộ"),
        ("justice.specialist", .specialist, "Sở Tư pháp"),
        ("health.specialist", .specialist, "Sở Y tế"),
        ("monitor", .provinceMonitor, nil),
        ("portal", .integration, nil),
        ("citizen", .citizen, nil),
        ("citizen2", .citizen, nil),
    ]

    override func setUpWithError() throws {
        setenv("MOTCUA_ROOT", Self.repositoryRoot, 1)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let (database, _) = try DatabaseSetup.open(directory.appendingPathComponent("test.sqlite").path)
        try ReferenceData(dataDirectory: Self.repositoryRoot + "/Data").load(into: database)
        let store = UserStore(database: database)
        for (name, role, agencyName) in Self.accounts {
            let agencyID = try agencyName.map { name in
                try XCTUnwrap(database.read { try $0.queryOne("SELECT id FROM agencies WHERE name = ?", [SQLiteValue(name)])?.int("id") })
            }
            users[name] = try store.add(UserStore.NewUser(username: name, password: Self.password, fullName: "Người \(name)",
                                                          role: role, agencyID: agencyID, idNumber: nil, phone: nil, email: nil),
                                        hasher: PasswordHasher(iterations: 1000), now: Date())
        }
        var configuration = AppConfiguration()
        configuration.databasePath = directory.appendingPathComponent("test.sqlite").path
        configuration.publicDirectory = Self.repositoryRoot + "/Public"
        configuration.passwordIterations = 1000
        configuration.notifications.isEnabled = false
        configure(&configuration)
        var server = ServerConfiguration()
        server.port = 0
        server.accessLog = false
        application = try Application(configuration: configuration, server: server, database: database)
        try application.start()
    }

    /// Adjusts the app's configuration before it starts. The notice delivery worker is off
    /// unless a subclass turns it on here (tests read the outbox's pending rows).
    func configure(_ configuration: inout AppConfiguration) {}

    override func tearDownWithError() throws {
        application?.shutdown()
        application?.waitUntilStopped()
        if let directory { try? FileManager.default.removeItem(at: directory) }  // best effort cleanup
    }

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
        var fieldErrors: [String: String] {
            ((json["error"] as? [String: Any])?["details"] as? [String: Any])?["fields"] as? [String: String] ?? [:]
        }
    }

    /// One request on a fresh connection.
    func call(_ method: String, _ path: String, json: Any? = nil, rawBody: [UInt8]? = nil,
              contentType: String = "application/json", token: String? = nil, headers: [String: String] = [:]) throws -> Reply {
        var body = rawBody ?? []
        if let json { body = Array(try JSONSerialization.data(withJSONObject: json)) }
        return try Self.request(port: port, method, path, body: body, contentType: contentType, token: token, headers: headers)
    }

    static func request(port: Int, _ method: String, _ path: String, body: [UInt8] = [], contentType: String = "application/json",
                        token: String? = nil, headers: [String: String] = [:]) throws -> Reply {
        let client = try RawHTTPClient(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" {
            head += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
        }
        try client.send(Array((head + "\r\n").utf8) + body)
        let response = try client.readResponse(isHead: method == "HEAD")
        return Reply(status: response.status, headers: response.headers, body: response.body)
    }

    /// Signs in `name` (an account of `accounts`) and returns the token.
    func token(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        if let token = tokens[name] { return token }
        let reply = try call("POST", "/api/v1/session", json: ["username": name, "password": Self.password])
        XCTAssertEqual(reply.status, 200, reply.text, file: file, line: line)
        let token = try XCTUnwrap(reply.json["token"] as? String, file: file, line: line)
        tokens[name] = token
        return token
    }

    /// Cấp Phiếu lý lịch tư pháp (Sở Tư pháp, 10 working days), received at the provincial centre.
    static let procedureCode = "QNG-TTHC-001"

    func counterIntake(procedure: String = procedureCode, channel: String = "counter",
                       idNumber: String = "051190001234") -> [String: Any] {
        ["procedure_code": procedure, "channel": channel,
         "applicant": ["full_name": "Nguyễn Thị Ánh", "id_number": idNumber, "phone": "0905123456"]]
    }
}
