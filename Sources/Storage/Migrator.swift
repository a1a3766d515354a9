import Foundation

/// Applies the `NNNN_name.sql` files of a directory in version order, once each.
///
/// Each file runs in one IMMEDIATE transaction together with its row in `schema_migrations`,
/// so a crash leaves a migration either fully applied or absent. The checksum (SHA-256 of the
/// file bytes) of every applied migration is checked first: a changed, renamed or missing
/// file stops everything before any new migration runs. Files not ending in `.sql` are ignored.
public struct Migrator: Sendable {
    public typealias MigrationError = Storage.MigrationError

    /// The directory holding the migration files.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    /// The migration files, validated and sorted by version.
    public func files() throws -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw MigrationError.directoryUnreadable(path: directory, reason: String(describing: error))
        }
        let files = try names.filter { $0.hasSuffix(".sql") && !$0.hasPrefix(".") }
            .map { try MigrationFile(fileName: $0, directory: directory) }
            .sorted { ($0.version, $0.fileName) < ($1.version, $1.fileName) }
        for (version, group) in Dictionary(grouping: files, by: \.version) where group.count > 1 {
            throw MigrationError.duplicateVersion(version, files: group.map(\.fileName).sorted())
        }
        return files
    }

    /// File names of migrations not yet applied, in order (after verifying applied ones).
    public func pending(_ database: Database) throws -> [String] {
        let files = try files()
        return try database.writeInOwnTransaction { connection in
            try connection.execute(Self.createTable)
            return try unapplied(files, on: connection).map(\.fileName)
        }
    }

    /// Verifies applied migrations, then applies the pending ones; returns their file names.
    ///
    /// Running it again with no new files is a no-op that returns an empty list.
    /// `willApply` is called once before the first pending migration runs, with their file
    /// names and whether the file already had migrations applied (so a caller can say that a
    /// long rewrite is under way).
    @discardableResult
    public func migrate(_ database: Database,
                        willApply: (_ pending: [String], _ isExistingFile: Bool) -> Void = { _, _ in }) throws -> [String] {
        let files = try files()
        let pending = try database.writeInOwnTransaction { connection in
            try connection.execute(Self.createTable)
            return try unapplied(files, on: connection)
        }
        if !pending.isEmpty { willApply(pending.map(\.fileName), pending.count < files.count) }
        var applied: [String] = []
        for file in pending {
            let didApply = try database.writeInOwnTransaction { connection -> Bool in
                // Another process may have applied it since the check above.
                guard try connection.queryOne(
                    "SELECT 1 FROM schema_migrations WHERE version = ?", [SQLiteValue(file.version)]) == nil
                else {
                    return false
                }
                try connection.execute(file.sql)
                try connection.run(
                    """
                    INSERT INTO schema_migrations (version, name, checksum, applied_at)
                    VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                    """,
                    [SQLiteValue(file.version), SQLiteValue(file.fileName), SQLiteValue(file.checksum)])
                return true
            }
            if didApply { applied.append(file.fileName) }
        }
        return applied
    }

    /// Checks every recorded migration against `files` and returns the files not yet recorded.
    private func unapplied(_ files: [MigrationFile], on connection: Connection) throws -> [MigrationFile] {
        let byVersion = Dictionary(uniqueKeysWithValues: files.map { ($0.version, $0) })
        var appliedVersions = Set<Int>()
        for row in try connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version") {
            let version = try row.int("version")
            let name = try row.string("name")
            guard let file = byVersion[version] else {
                throw MigrationError.missingFile(version: version, name: name)
            }
            guard file.fileName == name else {
                throw MigrationError.renamed(version: version, applied: name, found: file.fileName)
            }
            guard file.checksum == (try row.string("checksum")) else {
                throw MigrationError.checksumMismatch(file: file.fileName)
            }
            appliedVersions.insert(version)
        }
        return files.filter { !appliedVersions.contains($0.version) }
    }
}
