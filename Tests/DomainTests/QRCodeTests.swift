import Foundation
import XCTest
@testable import Domain

/// The QR Code encoder against ISO/IEC 18004:2015's published values: Reed–Solomon codewords
/// of worked examples, the format and version information tables, capacities, and the layout
/// of function patterns; decoding by zbarimg when it is installed.
final class QRCodeTests: XCTestCase {
    func testReedSolomonGivesTheCodewordsOfTheHelloWorld1MExample() {
        // "HELLO WORLD" at 1-M (alphanumeric): 16 data codewords and their 10 EC codewords.
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        XCTAssertEqual(ReedSolomonEncoder(degree: 10).errorCorrection(for: data),
                       [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    func testReedSolomonGivesTheCodewordsOfTheAnnexIExample01234567At1M() {
        // ISO/IEC 18004 Annex I: "01234567" in numeric mode at 1-M.
        let data: [UInt8] = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17]
        XCTAssertEqual(ReedSolomonEncoder(degree: 10).errorCorrection(for: data),
                       [165, 36, 212, 193, 237, 54, 199, 135, 44, 85])
        XCTAssertEqual(QRCode.interleavedCodewords(data, version: 1, level: .medium),
                       data + [165, 36, 212, 193, 237, 54, 199, 135, 44, 85], "one block: data then EC")
    }

    func testFormatInformationMatchesTheStandardsTableForEveryLevelAndMask() {
        // ISO/IEC 18004:2015 Annex C, Table C.1, masked with 101010000010010.
        let table: [QRCode.ErrorCorrectionLevel: [String]] = [
            .low: ["111011111000100", "111001011110011", "111110110101010", "111100010011101",
                   "110011000101111", "110001100011000", "110110001000001", "110100101110110"],
            .medium: ["101010000010010", "101000100100101", "101111001111100", "101101101001011",
                      "100010111111001", "100000011001110", "100111110010111", "100101010100000"],
            .quartile: ["011010101011111", "011000001101000", "011111100110001", "011101000000110",
                        "010010010110100", "010000110000011", "010111011011010", "010101111101101"],
            .high: ["001011010001001", "001001110111110", "001110011100111", "001100111010000",
                    "000011101100010", "000001001010101", "000110100001100", "000100000111011"],
        ]
        for (level, strings) in table {
            for (mask, expected) in strings.enumerated() {
                XCTAssertEqual(Self.binary(QRCode.formatInformation(level: level, mask: mask), width: 15), expected,
                               "\(level) mask \(mask)")
            }
        }
    }

    func testVersionInformationOfVersion7Is000111110010010100() {
        XCTAssertEqual(Self.binary(QRCode.versionInformation(version: 7), width: 18), "000111110010010100")
        XCTAssertEqual(Self.binary(QRCode.versionInformation(version: 10), width: 18), "001010010011010011")
    }

    func testCodewordCountsAndByteCapacitiesMatchTheStandard() {
        XCTAssertEqual(QRCode.versions.map { QRCode.codewordCount(version: $0) },
                       [26, 44, 70, 100, 134, 172, 196, 242, 292, 346])
        XCTAssertEqual(QRCode.dataModuleCount(version: 1), 208)
        XCTAssertEqual(QRCode.dataModuleCount(version: 7), 1568)
        // Table 7, byte mode at level M.
        XCTAssertEqual(QRCode.versions.map { QRCode.byteCapacity(version: $0, level: .medium) },
                       [14, 26, 42, 62, 84, 106, 122, 152, 180, 213])
    }

    func testByteModeDataCodewordsCarryModeCountBytesTerminatorAndPads() {
        let codewords = QRCode.dataCodewords(bytes: Array("Hi".utf8), version: 1, level: .medium)
        XCTAssertEqual(codewords, [0x40, 0x24, 0x86, 0x90] + [0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
    }

    func testTheSmallestVersionThatHoldsThePayloadIsChosen() throws {
        XCTAssertEqual(try QRCode.encode(bytes: Array(repeating: 65, count: 14)).version, 1)
        XCTAssertEqual(try QRCode.encode(bytes: Array(repeating: 65, count: 15)).version, 2)
        XCTAssertEqual(try QRCode.encode(bytes: Array(repeating: 65, count: 213)).version, 10)
        XCTAssertThrowsError(try QRCode.encode(bytes: Array(repeating: 65, count: 214))) { error in
            XCTAssertEqual(error as? QRCode.EncodingError, .payloadTooLong(bytes: 214, capacity: 213))
        }
        XCTAssertThrowsError(try QRCode.encode(bytes: [65], mask: 8)) { error in
            XCTAssertEqual(error as? QRCode.EncodingError, .invalidMask(8))
        }
    }

    func testFindersTimingDarkModuleAndFormatBitsAreWhereTheStandardPutsThem() throws {
        for payload in ["A", String(repeating: "x", count: 150)] {
            let code = try QRCode.encode(payload)
            let n = code.size
            XCTAssertEqual(n, 17 + 4 * code.version)
            for (top, left) in [(0, 0), (0, n - 7), (n - 7, 0)] {
                for r in 0..<7 {
                    for c in 0..<7 {
                        let ring = max(abs(r - 3), abs(c - 3))
                        XCTAssertEqual(code.isDark(row: top + r, column: left + c), ring != 2, "finder at \(top),\(left)")
                    }
                }
            }
            for i in 0..<8 {
                XCTAssertFalse(code.isDark(row: 7, column: i), "separator")
                XCTAssertFalse(code.isDark(row: i, column: n - 8), "separator")
                XCTAssertFalse(code.isDark(row: n - 8, column: i), "separator")
            }
            for i in 8..<(n - 8) {
                XCTAssertEqual(code.isDark(row: 6, column: i), i % 2 == 0, "horizontal timing")
                XCTAssertEqual(code.isDark(row: i, column: 6), i % 2 == 0, "vertical timing")
            }
            XCTAssertTrue(code.isDark(row: n - 8, column: 8), "dark module")
            // Format bits read back from both copies, most significant first.
            let first = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8),
                         (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]
            let second = (0..<7).map { (n - 1 - $0, 8) } + (0..<8).map { (8, n - 8 + $0) }
            let expected = Self.binary(QRCode.formatInformation(level: code.level, mask: code.mask), width: 15)
            XCTAssertEqual(first.map { code.isDark(row: $0.0, column: $0.1) ? "1" : "0" }.joined(), expected)
            XCTAssertEqual(second.map { code.isDark(row: $0.0, column: $0.1) ? "1" : "0" }.joined(), expected)
        }
    }

    func testVersion7CarriesItsVersionInformationInBothBlocks() throws {
        let code = try QRCode.encode(bytes: Array(repeating: 0x61, count: 110))
        XCTAssertEqual(code.version, 7)
        let bits = QRCode.versionInformation(version: 7)
        for i in 0..<18 {
            let expected = bits >> i & 1 == 1
            XCTAssertEqual(code.isDark(row: i / 3, column: code.size - 11 + i % 3), expected, "top-right bit \(i)")
            XCTAssertEqual(code.isDark(row: code.size - 11 + i % 3, column: i / 3), expected, "bottom-left bit \(i)")
        }
    }

    func testUnmaskingTheDataModulesGivesBackTheInterleavedCodewords() throws {
        let payload = Array("https://motcua.example/tra-cuu?ma=000.17.22.H56-210531-0001".utf8)
        for mask in 0..<8 {
            let code = try QRCode.encode(bytes: payload, mask: mask)
            var matrix = ModuleMatrix(version: code.version)
            matrix.drawFunctionPatterns()
            let bits = matrix.dataPositions().map { row, column in
                code.isDark(row: row, column: column) != ModuleMatrix.masks(mask, row: row, column: column)
            }
            let expected = QRCode.interleavedCodewords(QRCode.dataCodewords(bytes: payload, version: code.version,
                                                                             level: .medium),
                                                       version: code.version, level: .medium)
            let read = stride(from: 0, to: expected.count * 8, by: 8).map { start in
                bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
            }
            XCTAssertEqual(read, expected, "mask \(mask)")
            XCTAssertEqual(bits.count - expected.count * 8, QRCode.dataModuleCount(version: code.version) % 8,
                           "remainder bits")
        }
    }

    func testTheLowestPenaltyMaskIsChosen() throws {
        let payload = Array("MotCua".utf8)
        let chosen = try QRCode.encode(bytes: payload)
        for mask in 0..<8 {
            let forced = try QRCode.encode(bytes: payload, mask: mask)
            var matrix = ModuleMatrix(version: forced.version)
            matrix.dark = forced.modules
            var best = ModuleMatrix(version: chosen.version)
            best.dark = chosen.modules
            XCTAssertLessThanOrEqual(best.penalty(), matrix.penalty(), "mask \(mask)")
        }
    }

    func testZbarimgDecodesWhatTheEncoderWrites() throws {
        let zbar = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let zbar else { throw XCTSkip("zbarimg is not installed") }
        let payloads = ["A", "https://motcua.example/tra-cuu?ma=000.17.22.H56-210531-0001",
                        "Hồ sơ của Nguyễn Thị Ánh – " + String(repeating: "0123456789", count: 17)]
        for payload in payloads {
            for level in QRCode.ErrorCorrectionLevel.allCases where Array(payload.utf8).count <= QRCode.byteCapacity(version: 10, level: level) {
                let code = try QRCode.encode(payload, level: level)
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).pgm")
                try Self.pgm(code).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: zbar)
                process.arguments = ["--raw", "-q", "-Sbinary", file.path]
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = FileHandle.nullDevice
                try process.run()
                let output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                XCTAssertEqual(process.terminationStatus, 0, "v\(code.version) \(level)")
                XCTAssertEqual(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines), payload,
                               "v\(code.version) \(level) mask \(code.mask)")
            }
        }
    }

    // MARK: - Helpers

    static func binary(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 2)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A binary PGM of the symbol, 4 pixels per module, with a 4-module quiet zone.
    static func pgm(_ code: QRCode) -> Data {
        let scale = 4
        let side = (code.size + 8) * scale
        var data = Data("P5\n\(side) \(side)\n255\n".utf8)
        for y in 0..<side {
            for x in 0..<side {
                let row = y / scale - 4
                let column = x / scale - 4
                let inside = (0..<code.size).contains(row) && (0..<code.size).contains(column)
                data.append(inside && code.isDark(row: row, column: column) ? 0 : 255)
            }
        }
        return data
    }
}
