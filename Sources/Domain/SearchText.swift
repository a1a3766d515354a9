import Foundation

/// Vietnamese search: diacritic-insensitive prefix matching, exact diacritics ranked first
/// (BRIEF.md "Search").
public enum SearchText {
    /// Lowercases and removes Vietnamese diacritics: canonical decomposition (Unicode UAX #15)
    /// drops tone marks, breve, circumflex and horn as combining marks U+0300–U+036F; `đ`/`Đ`
    /// (U+0111/U+0110) have no decomposition and are mapped to `d` explicitly.
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        var out = String.UnicodeScalarView()
        for scalar in s.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue
            case 0x0110, 0x0111: out.append("d")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// The words of `s`: maximal runs of letters and digits.
    public static func words(_ s: String) -> [Substring] {
        s.split { !($0.isLetter || $0.isNumber) }
    }

    /// True when every word of the query is a prefix of some word of `text`, both folded.
    /// An empty query matches everything.
    public static func matches(query: String, in text: String) -> Bool {
        let queryWords = words(fold(query))
        guard !queryWords.isEmpty else { return true }
        let textWords = words(fold(text))
        return queryWords.allSatisfy { q in textWords.contains { $0.hasPrefix(q) } }
    }

    /// Relevance of `text` for `query`: 0 when it does not match; otherwise higher is better.
    ///
    /// Per query word: 100 when it is a prefix of a text word with the same diacritics
    /// (case-insensitive), 10 when it equals a whole folded text word; plus 1 for matching at all
    /// and 5 when the folded text starts with the folded query. Exact diacritics therefore
    /// dominate: typing `đường` ranks `Đường` above `Dương`.
    public static func rank(query: String, text: String) -> Int {
        guard matches(query: query, in: text) else { return 0 }
        let exactQuery = words(query.lowercased().precomposedStringWithCanonicalMapping)
        let exactText = words(text.lowercased().precomposedStringWithCanonicalMapping)
        let foldedText = words(fold(text))
        var score = 1
        for q in exactQuery {
            if exactText.contains(where: { $0.hasPrefix(q) }) { score += 100 }
            let folded = fold(String(q))
            if foldedText.contains(where: { $0 == folded }) { score += 10 }
        }
        let foldedQuery = words(fold(query)).joined(separator: " ")
        if !foldedQuery.isEmpty, foldedText.joined(separator: " ").hasPrefix(foldedQuery) { score += 5 }
        return score
    }
}
