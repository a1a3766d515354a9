extension QRCode {
    /// The error-correction levels (ISO/IEC 18004:2015 §7.5.1, Table 12), with the two bits
    /// each writes into the format information (§7.9.1, Table 12).
    public enum ErrorCorrectionLevel: Int, CaseIterable, Sendable {
        case low, medium, quartile, high

        var formatBits: Int {
            switch self {
            case .low: 0b01
            case .medium: 0b00
            case .quartile: 0b11
            case .high: 0b10
            }
        }
    }

    /// The smallest and largest versions this encoder makes (21×21 to 57×57 modules).
    public static let versions = 1...10

    /// Error-correction codewords per block, by level then version 1–10 (ISO/IEC 18004:2015 Table 9).
    static let errorCorrectionPerBlock: [[Int]] = [
        [7, 10, 15, 20, 26, 18, 20, 24, 30, 18],
        [10, 16, 26, 18, 24, 16, 18, 22, 22, 26],
        [13, 22, 18, 26, 18, 24, 18, 22, 20, 24],
        [17, 28, 22, 16, 22, 28, 26, 26, 24, 28],
    ]

    /// Number of error-correction blocks, by level then version 1–10 (ISO/IEC 18004:2015 Table 9).
    static let blockCount: [[Int]] = [
        [1, 1, 1, 1, 1, 2, 2, 2, 2, 4],
        [1, 1, 1, 2, 2, 4, 4, 4, 5, 5],
        [1, 1, 2, 2, 4, 4, 6, 6, 8, 8],
        [1, 1, 2, 4, 4, 4, 5, 6, 8, 8],
    ]

    /// Row/column centres of the alignment patterns, by version 1–10 (ISO/IEC 18004:2015 Annex E).
    static let alignmentCentres: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
        [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]

    /// Modules available for codewords and remainder bits: everything but the function
    /// patterns and the format and version information (ISO/IEC 18004:2015 Table 1).
    static func dataModuleCount(version: Int) -> Int {
        let size = 17 + 4 * version
        var count = size * size
        count -= 3 * 64                     // three finder patterns with their separators
        count -= 2 * (size - 16)            // the two timing patterns between the finders
        count -= 31                         // 2 × 15 format bits and the dark module
        let centres = alignmentCentres[version - 1].count
        if centres > 0 {
            let patterns = centres * centres - 3
            count -= 25 * patterns
            // Alignment patterns on row or column 6 overlap the timing patterns by 5 modules.
            count += 2 * (centres - 2) * 5
        }
        if version >= 7 { count -= 36 }     // 2 × 18 version bits
        return count
    }

    /// All codewords of a symbol (data and error correction).
    static func codewordCount(version: Int) -> Int { dataModuleCount(version: version) / 8 }

    /// Data codewords of a symbol at a level.
    static func dataCodewordCount(version: Int, level: ErrorCorrectionLevel) -> Int {
        codewordCount(version: version)
            - errorCorrectionPerBlock[level.rawValue][version - 1] * blockCount[level.rawValue][version - 1]
    }

    /// Bytes a symbol holds in byte mode: 4 mode bits and an 8-bit count (16 from version 10).
    public static func byteCapacity(version: Int, level: ErrorCorrectionLevel) -> Int {
        let countBits = version < 10 ? 8 : 16
        return (dataCodewordCount(version: version, level: level) * 8 - 4 - countBits) / 8
    }
}
