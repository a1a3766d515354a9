import Foundation
import XCTest

/// The `motcua` executable as an operator uses it: help, bad flags, bad paths, accounts.
final class CommandLineTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)  // best effort cleanup
    }

    var database: String { directory.appendingPathComponent("cli.sqlite").path }

    func testHelpListsEverySubcommand() throws {
        let result = try ServerProcess.run(["--help"])
        XCTAssertEqual(result.status, 0)
        for command in ["serve", "migrate", "seed-demo", "seed-bench", "users add", "agencies list"] {
            XCTAssertTrue(result.output.contains(command), command)
        }
    }

    func testUnknownCommandAndFlagExitWithUsageError() throws {
        let command = try ServerProcess.run(["launch"])
        XCTAssertEqual(command.status, 2)
        XCTAssertTrue(command.output.contains("unknown command"), command.output)
        let flag = try ServerProcess.run(["serve", "--prot", "80"])
        XCTAssertEqual(flag.status, 2)
        XCTAssertTrue(flag.output.contains("--prot"), flag.output)
        let port = try ServerProcess.run(["serve", "--port", "70000", "--db", database])
        XCTAssertEqual(port.status, 2)
        XCTAssertTrue(port.output.contains("--port"), port.output)
        for (flag, value) in [("--io-queues", "0"), ("--workers", "many"), ("--readers", "0"), ("--access-log", "yes"),
                              ("--readahead", "maybe")] {
            let result = try ServerProcess.run(["serve", flag, value, "--db", database])
            XCTAssertEqual(result.status, 2, flag)
            XCTAssertTrue(result.output.contains(flag), result.output)
        }
        // A known option with a value out of its range, not an unknown one.
        let readers = try ServerProcess.run(["serve", "--readers", "65", "--db", database])
        XCTAssertEqual(readers.status, 2)
        XCTAssertTrue(readers.output.contains("1–64"), readers.output)
    }

    func testUnwritableDatabaseFolderIsAClearError() throws {
        let result = try ServerProcess.run(["migrate", "--db", "/proc/motcua/cli.sqlite"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("/proc/motcua"), result.output)
    }

    func testMigrateTwiceIsANoOp() throws {
        let first = try ServerProcess.run(["migrate", "--db", database])
        XCTAssertEqual(first.status, 0, first.output)
        XCTAssertTrue(first.output.contains("0001_core.sql"), first.output)
        XCTAssertFalse(first.output.contains("Đang áp dụng"), "a new file is not announced: \(first.output)")
        let second = try ServerProcess.run(["migrate", "--db", database])
        XCTAssertEqual(second.status, 0)
        XCTAssertTrue(second.output.contains("mới nhất"), second.output)
    }

    func testUsersAddChecksRoleAndAgencyAndRefusesDuplicates() throws {
        XCTAssertEqual(try ServerProcess.run(["migrate", "--db", database]).status, 0)
        let badRole = try ServerProcess.run(["users", "add", "--db", database, "--username", "a", "--password", "mat-khau-1", "--role", "boss"])
        XCTAssertEqual(badRole.status, 2)
        XCTAssertTrue(badRole.output.contains("boss"), badRole.output)
        let noAgency = try ServerProcess.run(["users", "add", "--db", database, "--username", "a", "--password", "mat-khau-1", "--role", "specialist"])
        XCTAssertEqual(noAgency.status, 2)
        let badAgency = try ServerProcess.run(["users", "add", "--db", database, "--username", "a", "--password", "mat-khau-1",
                                               "--role", "specialist", "--agency", "99999"])
        XCTAssertEqual(badAgency.status, 2)
        XCTAssertTrue(badAgency.output.contains("99999"), badAgency.output)
        let added = try ServerProcess.run(["users", "add", "--db", database, "--username", "cv.moi", "--password", "mat-khau-1",
                                           "--role", "specialist", "--agency", "3", "--full-name", "Ngô Thị Mới"])
        XCTAssertEqual(added.status, 0, added.output)
        let again = try ServerProcess.run(["users", "add", "--db", database, "--username", "cv.moi", "--password", "mat-khau-1",
                                           "--role", "admin"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.output.contains("cv.moi"), again.output)
    }

    func testServeRefusesToStartWhenAnAppliedMigrationChanged() throws {
        // A private copy of the repository's run-time folders, whose migration is then edited.
        let root = directory.appendingPathComponent("root")
        for folder in ["Migrations", "Data", "Public"] {
            try FileManager.default.copyItem(atPath: AppTestCase.repositoryRoot + "/" + folder,
                                             toPath: root.appendingPathComponent(folder).path)
        }
        let environment = ["MOTCUA_ROOT": root.path]
        XCTAssertEqual(try ServerProcess.run(["migrate", "--db", database], environment: environment).status, 0)
        let migration = root.appendingPathComponent("Migrations/0001_core.sql")
        let edited = try String(contentsOf: migration, encoding: .utf8) + "\n-- edited after it was applied\n"
        try edited.write(to: migration, atomically: true, encoding: .utf8)
        let serve = try ServerProcess.run(["serve", "--port", "0", "--db", database], environment: environment)
        XCTAssertEqual(serve.status, 1)
        XCTAssertTrue(serve.output.contains("0001_core.sql"), serve.output)
    }

    func testAgenciesListShowsTheProvinceTree() throws {
        let result = try ServerProcess.run(["agencies", "list", "--db", database])
        XCTAssertEqual(result.status, 0, result.output)
        let lines = result.output.split(separator: "\n")
        // Header, the province, the provincial centre and the 203 units of Quảng Ngãi.
        XCTAssertEqual(lines.count, 1 + 2 + 203)
        XCTAssertTrue(result.output.contains("Sở Tư pháp"))
        XCTAssertTrue(result.output.contains("Phường Chánh Lộ"))
    }
}
