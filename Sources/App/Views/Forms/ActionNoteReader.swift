import Domain
import Foundation

/// Reads the parameters of an action back from its event's note, as `DossierStore.perform`
/// writes it: the action's detail, then " — " and the caller's note when there is one
/// (`DossierActionEffects`: "Yêu cầu bổ sung: A; B", "Lý do: …", "Hẹn lại: 08:30 ngày
/// 14/03/2025. Lý do: …"). The event log is append-only and hash-chained, so the forms read
/// what it recorded rather than a second copy that could drift from it.
enum ActionNoteReader {
    static let separator = " — "

    /// The documents a `request_supplement` event asked for and the caller's note.
    ///
    /// Names are matched against the procedure's published list (the action accepts no other),
    /// longest first, so a name that itself contains "; " or " — " is read whole; text that
    /// matches no published name falls back to splitting on "; ".
    static func supplementRequest(_ note: String?, published: [String]) -> (missing: [String], note: String?) {
        let prefix = "Yêu cầu bổ sung: "
        guard let note, note.hasPrefix(prefix) else { return ([], note) }
        var rest = Substring(note.dropFirst(prefix.count))
        let candidates = published.sorted { $0.count > $1.count }
        var names: [String] = []
        while true {
            let match = candidates.first { name in
                guard rest.hasPrefix(name) else { return false }
                let after = rest.dropFirst(name.count)
                return after.isEmpty || after.hasPrefix("; ") || after.hasPrefix(separator)
            }
            guard let name = match else { break }
            names.append(name)
            rest = rest.dropFirst(name.count)
            guard rest.hasPrefix("; ") else { break }
            rest = rest.dropFirst(2)
        }
        if names.isEmpty || !(rest.isEmpty || rest.hasPrefix(separator)) {
            // Not the published list of today (the catalogue changed): split the detail plainly.
            let detail = note.dropFirst(prefix.count)
            let parts = detail.components(separatedBy: separator)
            let list = (parts.first ?? "").components(separatedBy: "; ").filter { !$0.isEmpty }
            let remark = parts.dropFirst().joined(separator: separator)
            return (list, remark.isEmpty ? nil : remark)
        }
        let remark = rest.hasPrefix(separator) ? String(rest.dropFirst(separator.count)) : ""
        return (names, remark.isEmpty ? nil : remark)
    }

    /// The reason of a `refuse` (or `withdraw`) event: the text after "Lý do: ", with the
    /// caller's note if any (the two cannot be told apart when the reason contains " — ").
    static func reason(_ note: String?) -> String {
        guard let note else { return "" }
        let prefix = "Lý do: "
        return note.hasPrefix(prefix) ? String(note.dropFirst(prefix.count)) : note
    }

    /// The new date and reason of an `apologize` event ("Hẹn lại: HH:MM ngày DD/MM/YYYY. Lý do: …").
    static func apology(_ note: String?) -> (newDueAt: Date?, reason: String) {
        guard let note else { return (nil, "") }
        let head = "Hẹn lại: "
        let middle = ". Lý do: "
        guard note.hasPrefix(head), let range = note.range(of: middle) else { return (nil, note) }
        let when = note[note.index(note.startIndex, offsetBy: head.count)..<range.lowerBound]
        let reason = String(note[range.upperBound...])
        // "08:30 ngày 14/03/2025" (VietnamTime.display) → "2025-03-14T08:30", Vietnam time.
        let parts = when.split(separator: " ")
        guard parts.count == 3, parts[1] == "ngày" else { return (nil, reason) }
        let day = parts[2].split(separator: "/")
        guard day.count == 3 else { return (nil, reason) }
        return (VietnamTime.parseLocal("\(day[2])-\(day[1])-\(day[0])T\(parts[0])"), reason)
    }
}
