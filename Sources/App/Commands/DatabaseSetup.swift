import Foundation
import Storage

/// Opening the database for a command: the folder must be writable, migrations are applied.
enum DatabaseSetup {
    static let defaultPath = "data/motcua.sqlite"

    static func path(_ arguments: Arguments) -> String {
        arguments.value("db", environment: "MOTCUA_DB") ?? defaultPath
    }

    static func resource(_ name: String) throws -> String {
        guard let directory = ResourceLocator.directory(name) else {
            throw SeedError("không tìm thấy thư mục \(name) (chạy từ thư mục gốc của dự án hoặc đặt MOTCUA_ROOT) / cannot find the \(name) folder")
        }
        return directory
    }

    /// The oldest SQLite the migrations run on: 3.35 (2021) for `ALTER TABLE … DROP COLUMN`
    /// (migration 0013).
    static let minimumSQLiteVersion = (number: 3_035_000, text: "3.35.0")

    /// Refuses a SQLite library older than `minimumSQLiteVersion`, before a migration fails
    /// half-way through a syntax error with less to say.
    static func checkSQLiteVersion(number: Int = SQLiteLibrary.versionNumber, text: String = SQLiteLibrary.version) throws {
        guard number >= minimumSQLiteVersion.number else {
            throw SeedError("MotCua cần SQLite \(minimumSQLiteVersion.text) trở lên, máy này có \(text) (cập nhật gói libsqlite3) / SQLite \(minimumSQLiteVersion.text) or later is required, found \(text)")
        }
    }

    /// Opens (creating the folder if needed), migrates and loads the province's reference data
    /// into an empty database; returns the database and the names of migrations applied now.
    static func open(_ path: String, readerCount: Int? = nil, randomAccess: Bool = true) throws -> (Database, [String]) {
        try checkSQLiteVersion()
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw SeedError("không tạo được thư mục \(folder) / cannot create the folder: \(error.localizedDescription)")
            }
            guard FileManager.default.isWritableFile(atPath: folder) else {
                throw SeedError("không ghi được vào thư mục \(folder) / folder is not writable")
            }
        }
        let database: Database
        do {
            database = try readerCount.map { try Database(path: path, readerCount: $0, randomAccess: randomAccess) }
                ?? Database(path: path, randomAccess: randomAccess)
        } catch {
            throw SeedError("không mở được cơ sở dữ liệu \(path) / cannot open the database: \(error)")
        }
        let applied = try Migrator(directory: try resource("Migrations")).migrate(database) { pending, isExistingFile in
            // An existing file: a migration that rewrites its dossiers (0013) takes a while on a
            // province's database, and the operator should know why the server is not up yet.
            guard isExistingFile else { return }
            FileHandle.standardError.write(Data("""
                Đang áp dụng migration \(pending.joined(separator: ", ")) cho cơ sở dữ liệu \(path); với nhiều hồ sơ \
                việc này có thể mất vài phút / applying migrations to an existing database, which may take minutes

                """.utf8))
        }
        try ReferenceData(dataDirectory: try resource("Data")).load(into: database)
        return (database, applied)
    }
}
