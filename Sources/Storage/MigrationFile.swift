import Foundation
import Hashing

/// One `NNNN_name.sql` file of a migrations directory.
public struct MigrationFile: Sendable, Equatable {
    /// The number before the first underscore.
    public let version: Int
    /// The file name, e.g. `0001_create_tables.sql` (recorded in `schema_migrations.name`).
    public let fileName: String
    /// The SQL text.
    public let sql: String
    /// SHA-256 of the file bytes, lowercase hex.
    public let checksum: String

    /// Parses `fileName` and reads the file; throws `MigrationError` for a bad name or content.
    init(fileName: String, directory: String) throws {
        guard let version = Self.version(of: fileName) else { throw MigrationError.badFileName(fileName) }
        let url = URL(fileURLWithPath: directory).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path),
              let sql = String(data: data, encoding: .utf8)
        else {
            throw MigrationError.unreadableFile(fileName)
        }
        self.version = version
        self.fileName = fileName
        self.sql = sql
        self.checksum = SHA256.hex(data)
    }

    /// The version of a name shaped `NNNN_name.sql` (at least four digits, then `_`, then a
    /// name of letters, digits, `_` or `-`), or nil.
    static func version(of fileName: String) -> Int? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard digits.count >= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              !name.isEmpty,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else {
            return nil
        }
        return Int(digits)
    }
}
