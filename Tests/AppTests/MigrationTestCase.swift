import Foundation
import Storage
import TestSupport
import XCTest
@testable import App

/// A test of one migration on a file of its own: `path` in a fresh directory, and
/// `openBefore(_:)` for a file that holds rows written under the schema before it.
class MigrationTestCase: XCTestCase {
    var directory: TemporaryDirectory!
    var path: String { directory.file("test.sqlite") }

    override func setUpWithError() throws {
        setenv("MOTCUA_ROOT", AppTestCase.repositoryRoot, 1)
        directory = try TemporaryDirectory(prefix: "motcua-migration")
    }

    override func tearDownWithError() throws {
        directory.remove()
    }

    /// The database at `path` with every migration whose file name sorts before `prefix`
    /// (e.g. "0013") applied and no later one, the reference data loaded, and a counter
    /// officer of the first agency. The caller closes it.
    func openBefore(_ prefix: String) throws -> (database: Database, agencyID: Int, user: User) {
        let root = AppTestCase.repositoryRoot
        let earlier = directory.file("migrations-before-\(prefix)")
        try FileManager.default.createDirectory(atPath: earlier, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: root + "/Migrations")
        where file.hasSuffix(".sql") && file < prefix {
            try FileManager.default.copyItem(atPath: root + "/Migrations/" + file, toPath: earlier + "/" + file)
        }
        let database = try Database(path: path)
        do {
            let applied = try Migrator(directory: earlier).migrate(database)
            XCTAssertFalse(applied.contains { $0 >= prefix }, "\(applied)")
            try ReferenceData(dataDirectory: root + "/Data").load(into: database)
            let agencyID = try XCTUnwrap(database.read { try $0.queryOne("SELECT id FROM agencies ORDER BY id LIMIT 1")?.int("id") })
            let user = try UserStore(database: database).add(
                UserStore.NewUser(username: "mot-cua", password: "mat-khau-thu-nghiem", fullName: "Người thử",
                                  role: .counterOfficer, agencyID: agencyID, idNumber: nil, phone: nil, email: nil),
                hasher: PasswordHasher(iterations: 1000), now: Date())
            return (database, agencyID, user)
        } catch {
            database.close()
            throw error
        }
    }
}
