/// Why `Migrator` refused to run. Every case names the file or version at fault.
public enum MigrationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The migrations directory could not be listed.
    case directoryUnreadable(path: String, reason: String)
    /// A `.sql` file whose name is not `NNNN_name.sql`.
    case badFileName(String)
    /// Two files share one version number.
    case duplicateVersion(Int, files: [String])
    /// A migration file could not be read, or is not UTF-8.
    case unreadableFile(String)
    /// An applied migration's file changed since it was applied. Add a new migration instead.
    case checksumMismatch(file: String)
    /// An applied version has no file any more.
    case missingFile(version: Int, name: String)
    /// An applied version's file now has another name.
    case renamed(version: Int, applied: String, found: String)

    public var description: String {
        switch self {
        case .directoryUnreadable(let path, let reason):
            "cannot list migrations directory \(path): \(reason)"
        case .badFileName(let name):
            "migration file \(name) is not named NNNN_name.sql"
        case .duplicateVersion(let version, let files):
            "migration version \(version) is used by several files: \(files.joined(separator: ", "))"
        case .unreadableFile(let name):
            "migration file \(name) cannot be read as UTF-8 text"
        case .checksumMismatch(let file):
            "migration \(file) was changed after it was applied; restore it and add a new migration"
        case .missingFile(let version, let name):
            "applied migration \(version) (\(name)) has no file in the migrations directory"
        case .renamed(let version, let applied, let found):
            "migration \(version) was applied as \(applied) but the file is now \(found)"
        }
    }
}
