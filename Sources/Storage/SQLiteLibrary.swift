import CSQLite

/// The SQLite library this process linked at run time (not the headers it was built with).
public enum SQLiteLibrary {
    /// E.g. 3040001 for 3.40.1 (`sqlite3_libversion_number`).
    public static var versionNumber: Int { Int(sqlite3_libversion_number()) }
    /// E.g. "3.40.1" (`sqlite3_libversion`).
    public static var version: String { String(cString: sqlite3_libversion()) }
}
