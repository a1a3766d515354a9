extension ModuleMatrix {
    /// The mask evaluation score of ISO/IEC 18004:2015 §7.8.3.1 (Table 11); lower is better.
    func penalty() -> Int {
        var score = 0
        for line in 0..<size {
            let row = (0..<size).map { self[line, $0] }
            let column = (0..<size).map { self[$0, line] }
            score += Self.runPenalty(row) + Self.runPenalty(column)
            score += Self.finderLikePenalty(row) + Self.finderLikePenalty(column)
        }
        // Feature 2: each 2×2 block of one colour, N2 = 3.
        for row in 0..<size - 1 {
            for column in 0..<size - 1 {
                let colour = self[row, column]
                if self[row, column + 1] == colour, self[row + 1, column] == colour, self[row + 1, column + 1] == colour {
                    score += 3
                }
            }
        }
        // Feature 4: N4 = 10 for each full 5 % step the dark share deviates from 50 %.
        let darkCount = dark.filter { $0 }.count
        let deviationPercent = abs(darkCount * 100 - size * size * 50) / (size * size)
        score += deviationPercent / 5 * 10
        return score
    }

    /// Feature 1: each run of 5 + i modules of one colour scores N1 + i, N1 = 3.
    static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var runLength = 0
        var previous: Bool?
        for module in line {
            if module == previous {
                runLength += 1
            } else {
                if runLength >= 5 { score += runLength - 2 }
                runLength = 1
                previous = module
            }
        }
        if runLength >= 5 { score += runLength - 2 }
        return score
    }

    /// Feature 3: 1:1:3:1:1 (dark:light:dark:dark:dark:light:dark) with four light modules on
    /// one side, N3 = 40; the light quiet zone counts as light beyond the symbol.
    static func finderLikePenalty(_ line: [Bool]) -> Int {
        let padded = [Bool](repeating: false, count: 4) + line + [Bool](repeating: false, count: 4)
        let core: [Bool] = [true, false, true, true, true, false, true]
        let light = [Bool](repeating: false, count: 4)
        var score = 0
        for start in 0...(padded.count - 11) {
            let window = Array(padded[start..<start + 11])
            if Array(window[0..<7]) == core && Array(window[7..<11]) == light { score += 40 }
            if Array(window[0..<4]) == light && Array(window[4..<11]) == core { score += 40 }
        }
        return score
    }
}
