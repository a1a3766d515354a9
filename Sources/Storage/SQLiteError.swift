import CSQLite

/// A failed SQLite call: result codes, SQLite's message, and the SQL text involved.
///
/// It never carries bound argument values, which may be personal data.
/// Codes: https://www.sqlite.org/rescode.html
public struct SQLiteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The primary result code (the low byte of `extendedCode`), e.g. 19 for SQLITE_CONSTRAINT.
    public let code: Int32
    /// The extended result code, e.g. 2067 for SQLITE_CONSTRAINT_UNIQUE.
    public let extendedCode: Int32
    /// SQLite's English message.
    public let message: String
    /// The statement that failed, when there is one.
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.code = extendedCode & 0xff
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// An error for `resultCode`, with the message SQLite recorded on `handle` when it matches.
    init(resultCode: Int32, handle: OpaquePointer?, sql: String?) {
        var message = String(cString: sqlite3_errstr(resultCode))
        if let handle, sqlite3_extended_errcode(handle) == resultCode {
            message = String(cString: sqlite3_errmsg(handle))
        }
        self.init(extendedCode: resultCode, message: message, sql: sql)
    }

    /// Thrown by `Database` once `close()` has begun.
    static let databaseClosed = SQLiteError(extendedCode: SQLITE_MISUSE, message: "database is closed")

    /// SQLITE_CONSTRAINT: a UNIQUE, NOT NULL, CHECK, FOREIGN KEY or PRIMARY KEY rule failed.
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }

    /// SQLITE_CONSTRAINT_UNIQUE (2067) or SQLITE_CONSTRAINT_PRIMARYKEY (1555).
    public var isUniqueViolation: Bool {
        extendedCode == SQLiteError.constraintUnique || extendedCode == SQLiteError.constraintPrimaryKey
    }

    /// SQLITE_CONSTRAINT_FOREIGNKEY (787).
    public var isForeignKeyViolation: Bool { extendedCode == SQLiteError.constraintForeignKey }

    /// SQLITE_BUSY or SQLITE_LOCKED: another connection holds a conflicting lock.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    public var description: String {
        var text = "SQLite error \(code) (extended \(extendedCode)): \(message)"
        if let sql { text += " — SQL: \(sql)" }
        return text
    }

    // The extended codes are function-like macros in sqlite3.h, which Swift does not import.
    static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
}
