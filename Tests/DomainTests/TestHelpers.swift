import Foundation
import XCTest
import Domain

/// A Vietnam wall-clock instant from `"2025-03-14T08:30"` or `"2025-03-14T08:30:15"`.
func vn(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Date {
    guard let date = VietnamTime.parseLocal(text) else {
        XCTFail("bad test instant \(text)", file: file, line: line)
        return Date(timeIntervalSince1970: 0)
    }
    return date
}

/// A date from `"2025-03-14"`.
func day(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> LocalDate {
    guard let date = LocalDate(iso: text) else {
        XCTFail("bad test date \(text)", file: file, line: line)
        return LocalDate(daysSinceEpoch: 0)
    }
    return date
}

/// The worktree root, found from this file's path (Tests/DomainTests/TestHelpers.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The text of the repository's `Data/holidays-vn.csv` fixture.
func holidaysCSVText() throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent("Data/holidays-vn.csv"), encoding: .utf8)
}
