/// A QR Code symbol (ISO/IEC 18004:2015, model 2) holding bytes in byte mode, versions 1–10.
///
/// `encode` picks the smallest version that fits at the requested level, builds the codewords
/// (§7.4 data encoding, §7.5 Reed–Solomon, §7.6 interleaving), places them (§7.7), and applies
/// the mask with the lowest penalty (§7.8), then writes format and version information (§7.9,
/// §7.10). Pure: no I/O; rendering is left to the caller (`isDark(row:column:)`).
public struct QRCode: Sendable, Equatable {
    /// Why a payload cannot be encoded.
    public enum EncodingError: Error, Equatable {
        /// More bytes than version 10 holds at the level.
        case payloadTooLong(bytes: Int, capacity: Int)
        /// A forced mask pattern outside 0–7.
        case invalidMask(Int)
    }

    public let version: Int
    public let level: ErrorCorrectionLevel
    /// The mask pattern applied (0–7).
    public let mask: Int
    /// Modules per side: 17 + 4 × version.
    public let size: Int
    /// Row-major, true for dark modules.
    var modules: [Bool]

    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// Encodes the UTF-8 bytes of `text`.
    public static func encode(_ text: String, level: ErrorCorrectionLevel = .medium) throws -> QRCode {
        try encode(bytes: Array(text.utf8), level: level)
    }

    /// Encodes `bytes` in byte mode in the smallest version that holds them; `mask` forces a
    /// mask pattern (for tests), otherwise the one with the lowest penalty is chosen.
    public static func encode(bytes: [UInt8], level: ErrorCorrectionLevel = .medium, mask: Int? = nil) throws -> QRCode {
        if let mask, !(0..<8).contains(mask) { throw EncodingError.invalidMask(mask) }
        guard let version = versions.first(where: { byteCapacity(version: $0, level: level) >= bytes.count }) else {
            throw EncodingError.payloadTooLong(bytes: bytes.count, capacity: byteCapacity(version: versions.upperBound, level: level))
        }
        let codewords = interleavedCodewords(dataCodewords(bytes: bytes, version: version, level: level),
                                             version: version, level: level)
        var matrix = ModuleMatrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.place(codewords)
        // §7.8.3: evaluate every mask and keep the first with the lowest penalty.
        let penalties = (0..<8).map { candidate -> Int in
            var trial = matrix
            trial.apply(mask: candidate, level: level)
            return trial.penalty()
        }
        let chosen = mask ?? penalties.indices.min { penalties[$0] < penalties[$1] } ?? 0
        matrix.apply(mask: chosen, level: level)
        return QRCode(version: version, level: level, mask: chosen, size: matrix.size, modules: matrix.dark)
    }

    // MARK: - Codewords

    /// Mode indicator, count, the bytes, terminator and pad codewords (§7.4.2, §7.4.4, §7.4.10).
    static func dataCodewords(bytes: [UInt8], version: Int, level: ErrorCorrectionLevel) -> [UInt8] {
        let capacityBits = dataCodewordCount(version: version, level: level) * 8
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)                            // byte mode
        bits.append(bytes.count, count: version < 10 ? 8 : 16)  // character count indicator
        for byte in bytes { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, capacityBits - bits.count)) // terminator
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count * 8 < capacityBits {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits the data into blocks (short ones first), appends each block's Reed–Solomon
    /// codewords, and interleaves data then error correction column by column (§7.6).
    static func interleavedCodewords(_ data: [UInt8], version: Int, level: ErrorCorrectionLevel) -> [UInt8] {
        let blocks = blockCount[level.rawValue][version - 1]
        let ecLength = errorCorrectionPerBlock[level.rawValue][version - 1]
        let total = codewordCount(version: version)
        let shortBlocks = blocks - total % blocks
        let shortDataLength = total / blocks - ecLength
        let encoder = ReedSolomonEncoder(degree: ecLength)
        var dataBlocks: [[UInt8]] = []
        var ecBlocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blocks {
            let length = shortDataLength + (index < shortBlocks ? 0 : 1)
            let block = Array(data[start..<start + length])
            start += length
            dataBlocks.append(block)
            ecBlocks.append(encoder.errorCorrection(for: block))
        }
        var result: [UInt8] = []
        for column in 0...shortDataLength {
            for block in dataBlocks where column < block.count { result.append(block[column]) }
        }
        for column in 0..<ecLength {
            for block in ecBlocks { result.append(block[column]) }
        }
        return result
    }

    // MARK: - Format and version information

    /// The 15 format bits for a level and mask: BCH(15,5) with generator 0x537, XORed with
    /// 0x5412 (§7.9.1, Annex C).
    public static func formatInformation(level: ErrorCorrectionLevel, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// The 18 version bits for versions 7 and up: BCH(18,6) with generator 0x1F25 (§7.10, Annex D).
    public static func versionInformation(version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | remainder
    }
}

/// Bits appended most significant first, read back as bytes.
struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append(value >> shift & 1 == 1) }
    }

    /// The bits in bytes; the caller pads to a multiple of 8 first.
    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<min(start + 8, bits.count)].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
    }
}
