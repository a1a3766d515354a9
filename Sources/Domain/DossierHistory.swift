import Foundation

/// The events of one dossier, packed into `dossiers.history` (migration 0010) so that reading a
/// dossier costs one row instead of the row, an index and the event rows, which lie in other
/// pages: when the database is larger than the memory that caches it, every page is a disk read.
///
/// `dossier_events` stays the record (append-only, hash-chained, what `motcua audit verify`
/// checks); this column is a copy written in the same transaction as each event
/// (`EventLog.append`). NULL means "not packed": readers then take the events from
/// `dossier_events`, as they do when a packed value does not decode. `motcua audit verify`
/// compares every packed history with the table.
///
/// Format (version 1): one byte `1`, then each event in `seq` order:
/// - `seq` as a varint: the first absolute, later ones as the step from the previous (≥ 1);
/// - `at`: varint 0 then a string, or zigzag(Unix seconds) + 1 when `VietnamTime.format` gives
///   the text back exactly;
/// - `action`: a word;
/// - actor: varint 0 = the previous event's (id, name, role); 1 = no id; n ≥ 2 = id n − 2; then,
///   unless 0, the name as a string and the role as a word;
/// - `from_status` (a word, or absent), `to_status` (a word), `agency_id` (varint), `note`
///   (varint 0 = none, else the length + 1 and the UTF-8 bytes).
///
/// Varints are unsigned LEB128 of at most 10 bytes; a string is its UTF-8 byte count as a varint
/// and the bytes. A word is varint 0 = absent, 2k + 1 = `vocabulary[k]`, 2k + 2 = a string of k
/// bytes following.
public enum DossierHistory {
    public static let formatVersion: UInt8 = 1

    /// Words stored as their index. Append only: a stored history refers to these positions.
    public static let vocabulary: [String] = [
        // statuses
        "submitted", "supplement_requested", "refused", "received", "in_progress", "paused", "result_ready",
        "returned", "withdrawn",
        // actions (intake, then API.md's)
        "submit", "receive", "accept", "request_supplement", "supplement", "refuse", "assign", "forward", "transfer",
        "complete", "deliver", "apologize", "withdraw",
        // roles
        "citizen", "counter_officer", "specialist", "leader", "agency_admin", "province_monitor", "admin", "integration",
    ]

    /// Instants stored as seconds: years 1900 to 9999, which `VietnamTime.format` writes in four digits.
    private static let secondsRange: ClosedRange<TimeInterval> = -2_208_988_800 ... 253_402_300_799 - 25_200

    private static let wordIndex: [String: Int] = Dictionary(
        uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })

    /// The packed events, or nil when they cannot be packed (`seq` not increasing from 1 up, a
    /// negative id): the caller then stores NULL, so a stored history is always exact.
    public static func encode(_ events: [DossierEvent]) -> [UInt8]? {
        var out: [UInt8] = [formatVersion]
        out.reserveCapacity(16 + events.count * 48)
        var previous: DossierEvent?
        for event in events {
            guard event.seq > (previous?.seq ?? 0), event.agencyID >= 0, (event.actorID ?? 0) >= 0 else { return nil }
            appendVarint(UInt64(event.seq - (previous?.seq ?? 0)), to: &out)
            if let date = VietnamTime.parse(event.at), VietnamTime.format(date) == event.at,
               secondsRange.contains(date.timeIntervalSince1970) {
                let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
                appendVarint(zigzag(seconds) + 1, to: &out)
            } else {
                out.append(0)
                appendString(event.at, to: &out)
            }
            appendWord(event.action, to: &out)
            if let previous, previous.actorID == event.actorID, previous.actorName == event.actorName,
               previous.actorRole == event.actorRole {
                out.append(0)
            } else {
                appendVarint(event.actorID.map { UInt64($0) + 2 } ?? 1, to: &out)
                appendString(event.actorName, to: &out)
                appendWord(event.actorRole, to: &out)
            }
            if let from = event.fromStatus { appendWord(from, to: &out) } else { out.append(0) }
            appendWord(event.toStatus, to: &out)
            appendVarint(UInt64(event.agencyID), to: &out)
            if let note = event.note {
                var note = note
                note.withUTF8 { bytes in
                    appendVarint(UInt64(bytes.count) + 1, to: &out)
                    out.append(contentsOf: bytes)
                }
            } else {
                out.append(0)
            }
            previous = event
        }
        return out
    }

    /// The events, or nil when `bytes` is not a history this version wrote: an unknown version,
    /// an event cut short, a step of 0, a number or instant out of range, a word index past the
    /// vocabulary, invalid UTF-8, "the previous actor" for the first event. Bytes cut between
    /// two events read as the events before the cut; `motcua audit verify` compares the result
    /// with `dossier_events`.
    public static func decode(_ bytes: [UInt8]) -> [DossierEvent]? {
        var reader = Reader(bytes: bytes)
        guard reader.byte() == formatVersion else { return nil }
        var events: [DossierEvent] = []
        var previous: DossierEvent?
        while !reader.isAtEnd {
            guard let step = reader.int(), step >= 1,
                  case let (seq, overflow) = (previous?.seq ?? 0).addingReportingOverflow(step), !overflow,
                  let time = reader.varint() else { return nil }
            let at: String
            if time == 0 {
                guard let text = reader.string() else { return nil }
                at = text
            } else {
                let seconds = TimeInterval(unzigzag(time - 1))
                guard secondsRange.contains(seconds) else { return nil }
                at = VietnamTime.format(Date(timeIntervalSince1970: seconds))
            }
            guard let action = reader.word(), let actorTag = reader.varint() else { return nil }
            let actor: (id: Int?, name: String, role: String)
            if actorTag == 0 {
                guard let previous else { return nil }
                actor = (previous.actorID, previous.actorName, previous.actorRole)
            } else {
                guard actorTag == 1 || actorTag - 2 <= UInt64(Int.max), let name = reader.string(),
                      let role = reader.word() else { return nil }
                actor = (actorTag == 1 ? nil : Int(actorTag - 2), name, role)
            }
            guard let from = reader.optionalWord(), let to = reader.word(), let agencyID = reader.int(),
                  let noteTag = reader.varint() else { return nil }
            var note: String?
            if noteTag > 0 {
                guard let text = reader.bytesAsString(count: noteTag - 1) else { return nil }
                note = text
            }
            let event = DossierEvent(seq: seq, at: at, action: action, actorID: actor.id, actorName: actor.name,
                                      actorRole: actor.role, fromStatus: from, toStatus: to, agencyID: agencyID,
                                      note: note)
            events.append(event)
            previous = event
        }
        return events
    }

    // MARK: - Writing

    private static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    private static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            appendVarint(UInt64(bytes.count), to: &out)
            out.append(contentsOf: bytes)
        }
    }

    private static func appendWord(_ word: String, to out: inout [UInt8]) {
        if let index = wordIndex[word] {
            appendVarint(UInt64(index) * 2 + 1, to: &out)
        } else {
            var word = word
            word.withUTF8 { bytes in
                appendVarint(UInt64(bytes.count) * 2 + 2, to: &out)
                out.append(contentsOf: bytes)
            }
        }
    }

    private static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    private static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    // MARK: - Reading

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            for shift in stride(from: 0, to: 70, by: 7) {
                guard let byte = byte() else { return nil }
                let part = UInt64(byte & 0x7F)
                // The tenth byte may carry one bit only.
                guard shift < 63 || part <= 1 else { return nil }
                value |= part << UInt64(shift)
                if byte & 0x80 == 0 { return value }
            }
            return nil
        }

        mutating func int() -> Int? {
            guard let value = varint(), value <= UInt64(Int.max) else { return nil }
            return Int(value)
        }

        mutating func bytesAsString(count: UInt64) -> String? {
            guard count <= UInt64(bytes.count - offset) else { return nil }
            let end = offset + Int(count)
            defer { offset = end }
            return String(bytes: bytes[offset..<end], encoding: .utf8)
        }

        mutating func string() -> String? {
            guard let count = varint() else { return nil }
            return bytesAsString(count: count)
        }

        mutating func word() -> String? {
            guard case let word?? = optionalWord() else { return nil }
            return word
        }

        /// `.some(nil)` for an absent word, nil when malformed.
        mutating func optionalWord() -> String?? {
            guard let tag = varint() else { return nil }
            if tag == 0 { return .some(nil) }
            if tag & 1 == 1 {
                let index = tag >> 1
                guard index < UInt64(DossierHistory.vocabulary.count) else { return nil }
                return .some(DossierHistory.vocabulary[Int(index)])
            }
            guard let text = bytesAsString(count: (tag - 2) >> 1) else { return nil }
            return .some(text)
        }
    }
}
