import Domain
import Foundation
import Storage

/// `motcua seed-demo`: the reference data of Quảng Ngãi and one demo account per role.
/// Idempotent: existing accounts are left as they are.
struct DemoSeeder {
    static let password = "MotCua@2026"

    struct Account {
        var username: String
        var fullName: String
        var role: Role
        /// Name of the agency, nil for province-wide roles and citizens.
        var agencyName: String?
        var idNumber: String?
    }

    static let accounts: [Account] = [
        Account(username: "admin", fullName: "Quản trị hệ thống", role: .admin),
        Account(username: "vp.ubnd", fullName: "Trần Văn Giám Sát", role: .provinceMonitor),
        Account(username: "motcua.tinh", fullName: "Lê Thị Tiếp Nhận", role: .counterOfficer,
                agencyName: ReferenceData.centreName),
        Account(username: "motcua.chanhlo", fullName: "Phạm Văn Một Cửa", role: .counterOfficer,
                agencyName: "Phường Chánh Lộ"),
        Account(username: "cv.tuphap", fullName: "Nguyễn Văn Chuyên Viên", role: .specialist, agencyName: "Sở Tư pháp"),
        Account(username: "ld.tuphap", fullName: "Võ Thị Lãnh Đạo", role: .leader, agencyName: "Sở Tư pháp"),
        Account(username: "qt.tuphap", fullName: "Đặng Văn Quản Trị", role: .agencyAdmin, agencyName: "Sở Tư pháp"),
        Account(username: "tich.hop", fullName: "Cổng Dịch vụ công quốc gia", role: .integration),
        Account(username: "051190001234", fullName: "Nguyễn Thị Ánh", role: .citizen, idNumber: "051190001234"),
    ]

    let database: Database
    let dataDirectory: String
    let hasher: PasswordHasher

    /// Seeds; returns the accounts created now (empty when they all existed).
    @discardableResult
    func run(now: Date) throws -> [Account] {
        try ReferenceData(dataDirectory: dataDirectory).load(into: database)
        let users = UserStore(database: database)
        var created: [Account] = []
        for account in Self.accounts {
            if try users.credentials(username: account.username) != nil { continue }
            var agencyID: Int?
            if let name = account.agencyName {
                agencyID = try database.read { connection in
                    try connection.queryOne("SELECT id FROM agencies WHERE name = ?", [SQLiteValue(name)])?.int("id")
                }
                guard agencyID != nil else { throw SeedError("không tìm thấy cơ quan \(name)") }
            }
            _ = try users.add(UserStore.NewUser(username: account.username, password: Self.password,
                                                fullName: account.fullName, role: account.role, agencyID: agencyID,
                                                idNumber: account.idNumber, phone: nil, email: nil),
                              hasher: hasher, now: now)
            created.append(account)
        }
        return created
    }

    /// The table of demo logins printed by `seed-demo` and `make run`.
    static func loginTable() -> String {
        var lines = ["Tài khoản demo (mật khẩu chung: \(password)):"]
        for account in accounts {
            let padded = account.username.padding(toLength: 16, withPad: " ", startingAt: 0)
            let place = account.agencyName.map { " – \($0)" } ?? ""
            lines.append("  \(padded) \(account.role.rawValue) (\(account.role.label))\(place)")
        }
        return lines.joined(separator: "\n")
    }
}
