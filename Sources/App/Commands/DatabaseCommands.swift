import Domain
import Foundation
import Storage

/// `migrate`, `seed-demo`, `seed-bench`, `users add` and `agencies list`.
enum DatabaseCommands {
    static func migrate(_ raw: [String]) throws -> Int32 {
        let arguments = try Arguments(raw, options: ["db"])
        let (database, applied) = try DatabaseSetup.open(DatabaseSetup.path(arguments))
        defer { database.close() }
        print(applied.isEmpty ? "Cơ sở dữ liệu đã ở phiên bản mới nhất." : "Đã áp dụng: \(applied.joined(separator: ", "))")
        return 0
    }

    static func seedDemo(_ raw: [String]) throws -> Int32 {
        let arguments = try Arguments(raw, options: ["db"])
        let (database, _) = try DatabaseSetup.open(DatabaseSetup.path(arguments))
        defer { database.close() }
        let created = try DemoSeeder(database: database, dataDirectory: try DatabaseSetup.resource("Data"),
                                     hasher: PasswordHasher()).run(now: Date())
        print(created.isEmpty ? "Dữ liệu demo đã có sẵn." : "Đã tạo \(created.count) tài khoản demo.")
        print(DemoSeeder.loginTable())
        return 0
    }

    static func seedBench(_ raw: [String]) throws -> Int32 {
        let arguments = try Arguments(raw, options: ["db", "dossiers", "action-targets"], switches: ["write-bench-files"])
        let path = DatabaseSetup.path(arguments)
        guard let count = try arguments.integer("dossiers", range: 1...50_000_000) else {
            throw Arguments.UsageError(description: "thiếu --dossiers N / missing --dossiers N")
        }
        let result = try BenchSeeder(path: path).run(dossierCount: count, now: Date())
        if arguments.has("write-bench-files") {
            try (result.codes.joined(separator: "\n") + "\n").write(toFile: path + ".codes", atomically: true, encoding: .utf8)
            try (result.token + "\n").write(toFile: path + ".token", atomically: true, encoding: .utf8)
            try (result.procedureCode + "\n").write(toFile: path + ".procedure", atomically: true, encoding: .utf8)
        }
        if let targetCount = try arguments.integer("action-targets", range: 1...100_000) {
            // For bench/actions.sh: "code user_id" per line, an `assign` each can take again and again.
            let targets = try BenchSeeder(path: path).makeActionTargets(count: targetCount, now: Date())
            try targets.map { "\($0.code) \($0.assigneeID)\n" }.joined()
                .write(toFile: path + ".actions", atomically: true, encoding: .utf8)
        }
        let rate = Double(result.rows) / max(result.seconds, 0.001)
        print("Đã tạo \(count) hồ sơ (\(result.rows) dòng) trong \(String(format: "%.1f", result.seconds)) s, \(Int(rate)) dòng/s.")
        return 0
    }

    static func users(_ raw: [String]) throws -> Int32 {
        guard raw.first == "add" else {
            throw Arguments.UsageError(description: "dùng / use: motcua users add --username U --password P --role R [--agency ID] [--full-name N]")
        }
        let arguments = try Arguments(Array(raw.dropFirst()),
                                      options: ["db", "username", "password", "role", "agency", "full-name"])
        let username = try arguments.required("username")
        let password = try arguments.required("password")
        guard let role = Role(rawValue: try arguments.required("role")) else {
            throw Arguments.UsageError(description: "vai trò không hợp lệ / unknown role: \(arguments.value("role") ?? "") (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let agencyID = try arguments.integer("agency", range: 1...Int.max)
        if password.count < 8 {
            throw Arguments.UsageError(description: "mật khẩu phải có ít nhất 8 ký tự / password must have at least 8 characters")
        }
        let (database, _) = try DatabaseSetup.open(DatabaseSetup.path(arguments))
        defer { database.close() }
        let staff: Set<Role> = [.counterOfficer, .specialist, .leader, .agencyAdmin]
        if staff.contains(role), agencyID == nil {
            throw Arguments.UsageError(description: "vai trò \(role.rawValue) cần --agency ID / role needs --agency ID")
        }
        if let agencyID, try database.read({ try $0.queryOne("SELECT id FROM agencies WHERE id = ?", [SQLiteValue(agencyID)]) }) == nil {
            throw Arguments.UsageError(description: "không có cơ quan mã \(agencyID) / no agency with id \(agencyID) (xem / see: motcua agencies list)")
        }
        let user = try UserStore(database: database).add(
            UserStore.NewUser(username: username, password: password, fullName: arguments.value("full-name") ?? username,
                              role: role, agencyID: agencyID, idNumber: nil, phone: nil, email: nil),
            hasher: PasswordHasher(), now: Date())
        print("Đã tạo tài khoản \(user.username) (id \(user.id), \(role.rawValue)).")
        return 0
    }

    static func agencies(_ raw: [String]) throws -> Int32 {
        guard raw.first == "list" else { throw Arguments.UsageError(description: "dùng / use: motcua agencies list [--db PATH]") }
        let arguments = try Arguments(Array(raw.dropFirst()), options: ["db"])
        let (database, _) = try DatabaseSetup.open(DatabaseSetup.path(arguments))
        defer { database.close() }
        let rows = try database.read { try $0.query("SELECT id, level, name, parent_id FROM agencies ORDER BY id") }
        print("id\tlevel\tname\tparent")
        for row in rows {
            print("\(try row.int("id"))\t\(try row.string("level"))\t\(try row.string("name"))\t\(try row.optionalInt("parent_id").map(String.init) ?? "")")
        }
        return 0
    }
}
