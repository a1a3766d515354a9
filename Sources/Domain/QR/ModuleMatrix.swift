/// The module grid of a QR Code while it is being built: which modules are dark and which
/// belong to function patterns (finder, separator, timing, alignment, format, version), so
/// that data placement and masking skip them (ISO/IEC 18004:2015 §6.3, §7.7, §7.8).
struct ModuleMatrix {
    let version: Int
    let size: Int
    var dark: [Bool]
    var isFunction: [Bool]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        dark = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
    }

    subscript(row: Int, column: Int) -> Bool { dark[row * size + column] }

    private mutating func setFunction(row: Int, column: Int, isDark: Bool) {
        dark[row * size + column] = isDark
        isFunction[row * size + column] = true
    }

    // MARK: - Function patterns

    /// Finders with separators, timing patterns, alignment patterns, the dark module, and the
    /// format and version areas (format bits are written with the mask, in `apply`).
    mutating func drawFunctionPatterns() {
        // §6.3.5: timing patterns on row 6 and column 6, dark on even indices.
        for i in 0..<size {
            setFunction(row: 6, column: i, isDark: i % 2 == 0)
            setFunction(row: i, column: 6, isDark: i % 2 == 0)
        }
        drawFinder(centreRow: 3, centreColumn: 3)
        drawFinder(centreRow: 3, centreColumn: size - 4)
        drawFinder(centreRow: size - 4, centreColumn: 3)
        let centres = QRCode.alignmentCentres[version - 1]
        for row in centres {
            for column in centres {
                // §6.3.6: none where a finder pattern is.
                let overlapsFinder = (row == 6 && column == 6) || (row == 6 && column == centres.last)
                    || (row == centres.last && column == 6)
                if !overlapsFinder { drawAlignment(centreRow: row, centreColumn: column) }
            }
        }
        drawFormat(0)
        if version >= 7 { drawVersion() }
    }

    /// A 7×7 finder (§6.3.3) and its light separator (§6.3.4), clipped to the symbol.
    private mutating func drawFinder(centreRow: Int, centreColumn: Int) {
        for dr in -4...4 {
            for dc in -4...4 {
                let row = centreRow + dr
                let column = centreColumn + dc
                guard (0..<size).contains(row), (0..<size).contains(column) else { continue }
                let distance = max(abs(dr), abs(dc))
                setFunction(row: row, column: column, isDark: distance != 2 && distance != 4)
            }
        }
    }

    /// A 5×5 alignment pattern (§6.3.6).
    private mutating func drawAlignment(centreRow: Int, centreColumn: Int) {
        for dr in -2...2 {
            for dc in -2...2 {
                setFunction(row: centreRow + dr, column: centreColumn + dc, isDark: max(abs(dr), abs(dc)) != 1)
            }
        }
    }

    /// Both copies of the 15 format bits (§7.9.1, Figure 25), bit 0 the least significant,
    /// and the dark module at (4V + 9, 8).
    mutating func drawFormat(_ bits: Int) {
        func bit(_ i: Int) -> Bool { bits >> i & 1 == 1 }
        // First copy, around the top-left finder.
        for i in 0...5 { setFunction(row: i, column: 8, isDark: bit(i)) }
        setFunction(row: 7, column: 8, isDark: bit(6))
        setFunction(row: 8, column: 8, isDark: bit(7))
        setFunction(row: 8, column: 7, isDark: bit(8))
        for i in 9..<15 { setFunction(row: 8, column: 14 - i, isDark: bit(i)) }
        // Second copy, split between the top-right and bottom-left finders.
        for i in 0..<8 { setFunction(row: 8, column: size - 1 - i, isDark: bit(i)) }
        for i in 8..<15 { setFunction(row: size - 15 + i, column: 8, isDark: bit(i)) }
        setFunction(row: size - 8, column: 8, isDark: true)
    }

    /// Both copies of the 18 version bits (§7.10, Figure 27): 6×3 blocks beside the
    /// top-right and bottom-left finders.
    private mutating func drawVersion() {
        let bits = QRCode.versionInformation(version: version)
        for i in 0..<18 {
            let isDark = bits >> i & 1 == 1
            let a = size - 11 + i % 3
            let b = i / 3
            setFunction(row: b, column: a, isDark: isDark)
            setFunction(row: a, column: b, isDark: isDark)
        }
    }

    // MARK: - Data

    /// The codeword bits in the two-column zigzag from the bottom right, skipping function
    /// modules and the vertical timing column (§7.7.3); remainder bits stay light.
    mutating func place(_ codewords: [UInt8]) {
        var index = 0
        let totalBits = codewords.count * 8
        for (row, column) in dataPositions() where index < totalBits {
            dark[row * size + column] = codewords[index >> 3] >> (7 - index & 7) & 1 == 1
            index += 1
        }
    }

    /// Every non-function module in placement order.
    func dataPositions() -> [(Int, Int)] {
        var positions: [(Int, Int)] = []
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let row = upward ? size - 1 - step : step
                for column in [right, right - 1] where !isFunction[row * size + column] {
                    positions.append((row, column))
                }
            }
            right -= 2
        }
        return positions
    }

    // MARK: - Masking

    /// Whether mask pattern `mask` inverts the module at (row i, column j) (§7.8.2, Table 10).
    static func masks(_ mask: Int, row i: Int, column j: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }

    /// Inverts the data modules the mask selects and writes the format information.
    mutating func apply(mask: Int, level: QRCode.ErrorCorrectionLevel) {
        for row in 0..<size {
            for column in 0..<size where !isFunction[row * size + column] && Self.masks(mask, row: row, column: column) {
                dark[row * size + column].toggle()
            }
        }
        drawFormat(QRCode.formatInformation(level: level, mask: mask))
    }
}
