import Storage
import TestSupport
import XCTest

/// Base class: a fresh temporary directory per test, removed (with every database opened
/// through `makeDatabase`) in `tearDown`. WAL needs a real file, so there are no in-memory
/// databases here.
class StorageTestCase: XCTestCase {
    private(set) var directory: TemporaryDirectory?
    private var openDatabases: [Database] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = try TemporaryDirectory(prefix: "motcua-storage")
    }

    override func tearDown() {
        openDatabases.forEach { $0.close() }
        openDatabases.removeAll()
        directory?.remove()
        directory = nil
        super.tearDown()
    }

    /// The path of `name` in this test's directory.
    func path(_ name: String = "test.sqlite", file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let directory = try XCTUnwrap(directory, "setUp did not run", file: file, line: line)
        return directory.file(name)
    }

    /// Opens a database in this test's directory; it is closed in `tearDown`.
    func makeDatabase(_ name: String = "test.sqlite", readerCount: Int = 2) throws -> Database {
        let database = try Database(path: try path(name), readerCount: readerCount)
        openDatabases.append(database)
        return database
    }

    /// Opens a database with `CREATE TABLE t(id INTEGER PRIMARY KEY, v)` (no type affinity).
    func makeDatabaseWithTable(readerCount: Int = 2) throws -> Database {
        let database = try makeDatabase(readerCount: readerCount)
        try database.writeInOwnTransaction { try $0.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v)") }
        return database
    }

    /// Opens a database with `CREATE TABLE w(id INTEGER PRIMARY KEY, n INTEGER UNIQUE)`.
    func makeDatabaseWithUniqueTable() throws -> Database {
        let database = try makeDatabase()
        try database.writeInOwnTransaction { try $0.execute("CREATE TABLE w(id INTEGER PRIMARY KEY, n INTEGER UNIQUE)") }
        return database
    }

    /// The number of rows in `table`, read through a reader.
    func count(_ table: String, in database: Database, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let row = try database.read { try $0.queryOne("SELECT count(*) AS n FROM \(table)") }
        return try XCTUnwrap(row, file: file, line: line).int("n")
    }
}

/// An error thrown on purpose from inside transactions.
struct PlannedFailure: Error, Equatable {}
