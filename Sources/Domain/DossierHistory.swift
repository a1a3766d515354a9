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
/// Varints, strings and words as `PackedWriter` writes them.
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

    private static let wordIndex = PackedWriter.index(of: vocabulary)

    /// The packed events, or nil when they cannot be packed (`seq` not increasing from 1 up, a
    /// negative id): the caller then stores NULL, so a stored history is always exact.
    public static func encode(_ events: [DossierEvent]) -> [UInt8]? {
        var out = PackedWriter(version: formatVersion, capacity: 16 + events.count * 48)
        var previous: DossierEvent?
        for event in events {
            guard event.seq > (previous?.seq ?? 0), event.agencyID >= 0, (event.actorID ?? 0) >= 0 else { return nil }
            out.varint(UInt64(event.seq - (previous?.seq ?? 0)))
            // Bytes, not `==`: Swift's String equality holds for canonically equivalent text (NFC
            // and NFD), and what is given back must be the very bytes the tables hold.
            if let date = VietnamTime.parse(event.at), VietnamTime.format(date).utf8.elementsEqual(event.at.utf8),
               secondsRange.contains(date.timeIntervalSince1970) {
                out.varint(zigzag(Int64(date.timeIntervalSince1970.rounded(.down))) + 1)
            } else {
                out.varint(0)
                out.string(event.at)
            }
            out.word(event.action, index: wordIndex)
            if let previous, previous.actorID == event.actorID, previous.actorName.utf8.elementsEqual(event.actorName.utf8),
               previous.actorRole.utf8.elementsEqual(event.actorRole.utf8) {
                out.varint(0)
            } else {
                out.varint(event.actorID.map { UInt64($0) + 2 } ?? 1)
                out.string(event.actorName)
                out.word(event.actorRole, index: wordIndex)
            }
            out.word(event.fromStatus, index: wordIndex)
            out.word(event.toStatus, index: wordIndex)
            out.varint(UInt64(event.agencyID))
            out.optionalString(event.note)
            previous = event
        }
        return out.bytes
    }

    /// The events, or nil when `bytes` is not a history this version wrote: an unknown version,
    /// an event cut short, a step of 0, a number or instant out of range, a word index past the
    /// vocabulary, invalid UTF-8, "the previous actor" for the first event. Bytes cut between
    /// two events read as the events before the cut; `motcua audit verify` compares the result
    /// with `dossier_events`.
    public static func decode(_ bytes: [UInt8]) -> [DossierEvent]? {
        var reader = PackedReader(bytes: bytes)
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
            guard let action = reader.word(vocabulary: vocabulary), let actorTag = reader.varint() else { return nil }
            let actor: (id: Int?, name: String, role: String)
            if actorTag == 0 {
                guard let previous else { return nil }
                actor = (previous.actorID, previous.actorName, previous.actorRole)
            } else {
                guard actorTag == 1 || actorTag - 2 <= UInt64(Int.max), let name = reader.string(),
                      let role = reader.word(vocabulary: vocabulary) else { return nil }
                actor = (actorTag == 1 ? nil : Int(actorTag - 2), name, role)
            }
            guard let from = reader.optionalWord(vocabulary: vocabulary), let to = reader.word(vocabulary: vocabulary),
                  let agencyID = reader.int(), let note = reader.optionalString() else { return nil }
            let event = DossierEvent(seq: seq, at: at, action: action, actorID: actor.id, actorName: actor.name,
                                      actorRole: actor.role, fromStatus: from, toStatus: to, agencyID: agencyID,
                                      note: note)
            events.append(event)
            previous = event
        }
        return events
    }

    private static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    private static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}
