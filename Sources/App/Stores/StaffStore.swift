import Domain
import Foundation
import Storage

/// Staff accounts as agency administrators manage them: list, change, deactivate.
/// Creation goes through `UserStore.add`.
struct StaffStore: Sendable {
    let database: Database

    /// A staff account with the fields the staff endpoints show.
    struct Member {
        var user: User
        var isActive: Bool
        var createdAt: String

        func writeJSON(into json: inout JSONWriter) {
            json.beginObject()
            json.key("id"); json.int(user.id)
            json.key("username"); json.string(user.username)
            json.key("full_name"); json.string(user.fullName)
            json.key("role"); json.string(user.role.rawValue)
            json.key("agency_id"); json.int(user.agencyID)
            json.key("is_active"); json.bool(isActive)
            json.key("created_at"); json.string(createdAt)
            json.endObject()
        }
    }

    private static let columns = "id, username, full_name, role, agency_id, id_number, is_active, created_at"

    private static func member(from row: Row) throws -> Member {
        Member(user: try UserStore.user(from: row), isActive: try row.int("is_active") != 0,
               createdAt: try row.string("created_at"))
    }

    /// Every account but citizens, of one agency when `agencyID` is given, by id.
    func list(agencyID: Int?) throws -> [Member] {
        try database.read { connection in
            if let agencyID {
                return try connection.query("SELECT \(Self.columns) FROM users WHERE role <> 'citizen' AND agency_id = ? ORDER BY id",
                                            [SQLiteValue(agencyID)]).map(Self.member(from:))
            }
            return try connection.query("SELECT \(Self.columns) FROM users WHERE role <> 'citizen' ORDER BY id")
                .map(Self.member(from:))
        }
    }

    func find(id: Int) throws -> Member? {
        try database.read { connection in
            try connection.queryOne("SELECT \(Self.columns) FROM users WHERE id = ? AND role <> 'citizen'", [SQLiteValue(id)])
                .map(Self.member(from:))
        }
    }

    /// A change to an account; nil fields stay as they are.
    struct Change {
        var fullName: String?
        var role: Role?
        var isActive: Bool?
        var passwordHash: String?
    }

    /// Applies `change` in one transaction. Deactivating an account or setting its password
    /// ends its sessions, so a removed officer is signed out at once.
    func update(id: Int, _ change: Change) throws -> Member? {
        try database.write { connection in
            if let fullName = change.fullName {
                try connection.run("UPDATE users SET full_name = ? WHERE id = ?", [SQLiteValue(fullName), SQLiteValue(id)])
            }
            if let role = change.role {
                try connection.run("UPDATE users SET role = ? WHERE id = ?", [SQLiteValue(role.rawValue), SQLiteValue(id)])
            }
            if let isActive = change.isActive {
                try connection.run("UPDATE users SET is_active = ? WHERE id = ?", [SQLiteValue(isActive), SQLiteValue(id)])
            }
            if let hash = change.passwordHash {
                try connection.run("UPDATE users SET password_hash = ? WHERE id = ?", [SQLiteValue(hash), SQLiteValue(id)])
            }
            if change.isActive == false || change.passwordHash != nil {
                try connection.run("DELETE FROM sessions WHERE user_id = ?", [SQLiteValue(id)])
            }
            return try connection.queryOne("SELECT \(Self.columns) FROM users WHERE id = ?", [SQLiteValue(id)])
                .map(Self.member(from:))
        }
    }
}
