import Domain
import Foundation
import Storage

/// Accounts: lookup for sign-in and creation (command line, seeding, registration).
struct UserStore: Sendable {
    let database: Database

    struct Credentials {
        var user: User
        var passwordHash: String
        var isActive: Bool
    }

    static func user(from row: Row) throws -> User {
        guard let role = Role(rawValue: try row.string("role")) else { throw APIError.internalError }
        return User(id: try row.int("id"), username: try row.string("username"), fullName: try row.string("full_name"),
                    role: role, agencyID: try row.optionalInt("agency_id"), idNumber: try row.optionalString("id_number"))
    }

    func credentials(username: String) throws -> Credentials? {
        try database.read { connection in
            guard let row = try connection.queryOne("""
                SELECT id, username, full_name, role, agency_id, id_number, password_hash, is_active
                FROM users WHERE username = ?
                """, [SQLiteValue(username)]) else { return nil }
            return Credentials(user: try Self.user(from: row), passwordHash: try row.string("password_hash"),
                               isActive: try row.int("is_active") != 0)
        }
    }

    func find(id: Int) throws -> User? {
        try database.read { connection in
            try connection.queryOne("SELECT id, username, full_name, role, agency_id, id_number FROM users WHERE id = ?",
                                    [SQLiteValue(id)]).map(Self.user(from:))
        }
    }

    struct NewUser {
        var username: String
        var password: String
        var fullName: String
        var role: Role
        var agencyID: Int?
        var idNumber: String?
        var phone: String?
        var email: String?
    }

    /// Creates the account; a taken username is a `conflict`. The password is hashed before
    /// the write so the writer never waits on the key derivation.
    func add(_ new: NewUser, hasher: PasswordHasher, now: Date) throws -> User {
        let hash = hasher.hash(new.password)
        do {
            return try database.write { connection in
                try connection.run("""
                    INSERT INTO users (username, full_name, role, agency_id, password_hash, id_number, phone, email, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [SQLiteValue(new.username), SQLiteValue(new.fullName), SQLiteValue(new.role.rawValue),
                          SQLiteValue(new.agencyID), SQLiteValue(hash), SQLiteValue(new.idNumber),
                          SQLiteValue(new.phone), SQLiteValue(new.email), SQLiteValue(VietnamTime.format(now))])
                return User(id: Int(connection.lastInsertRowID), username: new.username, fullName: new.fullName,
                            role: new.role, agencyID: new.agencyID, idNumber: new.idNumber)
            }
        } catch let error as SQLiteError where error.isUniqueViolation {
            throw APIError.conflict("Tên đăng nhập \(new.username) đã được sử dụng.")
        }
    }
}
