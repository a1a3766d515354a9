import Foundation
import XCTest

/// The real `motcua` executable run as a child process, as an operator runs it.
final class ServerProcess {
    static var executable: URL {
        // The test bundle and the executable are built into the same folder.
        var folder = Bundle(for: ServerProcess.self).bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("motcua")
    }

    let process = Process()
    private let output = Pipe()
    private(set) var port = 0

    /// Runs a subcommand to completion; returns its exit status and standard output.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = executable
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.arguments = arguments
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Starts `motcua serve` on an ephemeral port, with `arguments` added, and waits for its listening line.
    init(database: String, arguments: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws {
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", "0", "--db", database, "--access-log", "off"] + arguments
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(seen[range].split(separator: ":").last ?? "") ?? 0
                break
            }
        }
        XCTAssertGreaterThan(port, 0, "server did not report its port: \(seen)", file: file, line: line)
    }

    /// Asks the server to stop (SIGTERM) and waits for it: the `defer` of a test that started one.
    func stop() {
        kill(SIGTERM)
        _ = waitForExit()
    }

    func kill(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
    }

    /// Waits for exit; returns the status and what was printed after the listening line.
    func waitForExit() -> (status: Int32, output: String) {
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: rest, as: UTF8.self))
    }
}
