import Foundation
import XCTest
@testable import Domain

/// The packing of a dossier's events into `dossiers.history` (`DossierHistory`): it gives back
/// exactly what it was given, or refuses to pack; damaged bytes are refused, never misread as
/// other events; the stored layout is pinned.
final class DossierHistoryTests: XCTestCase {
    func testPackingGivesBackSeededEventListsExactly() throws {
        var generator = SeededGenerator(seed: 2_026_120_7)
        for round in 0..<2_000 {
            let events = Self.randomEvents(&generator)
            let packed = try XCTUnwrap(DossierHistory.encode(events), "round \(round)")
            XCTAssertEqual(DossierHistory.decode(packed), events, "round \(round)")
        }
    }

    /// Texts come back as the very bytes given, not only as equal Swift strings: a leading
    /// byte-order mark (which Foundation's `String(bytes:encoding:)` drops), and a name re-saved
    /// in the other Unicode normalization form between two events of one actor (equal under
    /// `==`, so "same actor as before" would have repeated the first spelling).
    func testTextsComeBackByteForByte() throws {
        let nfc = "Nguy\u{1EC5}n V\u{0103}n An"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        XCTAssertEqual(nfc, nfd)
        XCTAssertNotEqual(Array(nfc.utf8), Array(nfd.utf8))
        let events = [
            Self.event(seq: 1, at: "\u{FEFF}2026-06-19T08:38:00+07:00", action: "\u{FEFF}receive", actorID: 4,
                       actorName: nfc, actorRole: "counter_officer", from: nil, to: "received", agencyID: 2,
                       note: "\u{FEFF}Ghi chú"),
            Self.event(seq: 2, at: "2026-06-19T09:00:00+07:00", action: "assign", actorID: 4, actorName: nfd,
                       actorRole: "counter_officer", from: "received", to: "in_progress", agencyID: 2, note: "\u{FEFF}"),
        ]
        let decoded = try XCTUnwrap(DossierHistory.decode(try XCTUnwrap(DossierHistory.encode(events))))
        XCTAssertEqual(decoded.count, 2)
        for (got, want) in zip(decoded, events) {
            XCTAssertEqual(Array(got.at.utf8), Array(want.at.utf8))
            XCTAssertEqual(Array(got.action.utf8), Array(want.action.utf8))
            XCTAssertEqual(Array(got.actorName.utf8), Array(want.actorName.utf8))
            XCTAssertEqual(got.note.map { Array($0.utf8) }, want.note.map { Array($0.utf8) })
        }
    }

    /// The stored layout itself: a reordered vocabulary or a changed rule would misread every
    /// history already written, so the bytes of a known list are pinned.
    func testKnownEventsPackToKnownBytes() throws {
        let events = [
            Self.event(seq: 7, at: "2026-06-19T08:38:00+07:00", action: "receive", actorID: 1, actorName: "Cán bộ",
                       actorRole: "counter_officer", from: nil, to: "received", agencyID: 2, note: nil),
            Self.event(seq: 9, at: "2026-06-19", action: "assign", actorID: 1, actorName: "Cán bộ",
                       actorRole: "counter_officer", from: "received", to: "in_progress", agencyID: 130, note: "Gấp"),
            Self.event(seq: 10, at: "2026-06-20T09:00:00+07:00", action: "sign", actorID: nil, actorName: "Hệ thống",
                       actorRole: "system", from: "in_progress", to: "paused", agencyID: 2, note: ""),
        ]
        let packed = try XCTUnwrap(DossierHistory.encode(events))
        let hex = packed.map { String(format: "%02x", $0) }.joined()
        // 01 version; event 1: seq 7, time zigzag(1781833080) + 1, "receive" (word 10 → 21),
        // actor id 1 (3), name of 9 bytes, role (word 23 → 47), no from (0), "received"
        // (word 3 → 7), agency 2, no note (0).
        let first = "01" + "07" + "f1f5a4a30d" + "15" + "03" + "09" + "43c3a16e2062e1bb99" + "2f" + "00" + "07" + "02" + "00"
        // event 2: step 2, text time, "assign" (word 15 → 31), same actor (0), "received",
        // "in_progress" (word 4 → 9), agency 130 (82 01), note "Gấp" (5 bytes, tag 6).
        let second = "02" + "00" + "0a" + "323032362d30362d3139" + "1f" + "00" + "07" + "09" + "8201" + "06" + "47e1baa570"
        // event 3: step 1, time zigzag(1781920800) + 1, "sign" as a 4-byte string (4·2 + 2), no
        // actor id (1), name of 12 bytes, "system" as a string, "in_progress", "paused" (word 5
        // → 11), agency 2, empty note (1).
        let third = "01" + "c1d0afa30d" + "0a" + "7369676e" + "01" + "0c" + "48e1bb87207468e1bb916e67" + "0e"
            + "73797374656d" + "09" + "0b" + "02" + "01"
        XCTAssertEqual(hex, first + second + third)
        XCTAssertEqual(DossierHistory.decode(packed), events)
    }

    func testVocabularyHoldsEveryStatusActionAndRoleOnce() {
        let words = Set(DossierHistory.vocabulary)
        XCTAssertEqual(words.count, DossierHistory.vocabulary.count, "no word twice")
        for word in DossierStatus.allCases.map(\.rawValue) + DossierAction.allCases.map(\.rawValue)
            + Role.allCases.map(\.rawValue) + ["submit", "receive"] {
            XCTAssertTrue(words.contains(word), word)
        }
    }

    func testRefusesToPackWhatItCouldNotGiveBack() {
        let one = Self.event(seq: 5, at: "2026-01-02T03:04:05+07:00", action: "receive", actorID: 1, actorName: "A",
                             actorRole: "admin", from: nil, to: "received", agencyID: 1, note: nil)
        var same = one
        XCTAssertNil(DossierHistory.encode([one, same]), "seq must increase")
        same.seq = 4
        XCTAssertNil(DossierHistory.encode([one, same]), "seq must increase")
        var zero = one
        zero.seq = 0
        XCTAssertNil(DossierHistory.encode([zero]))
        var agency = one
        agency.agencyID = -1
        XCTAssertNil(DossierHistory.encode([agency]))
        var actor = one
        actor.actorID = -3
        XCTAssertNil(DossierHistory.encode([actor]))
        XCTAssertEqual(DossierHistory.encode([]), [1])
        XCTAssertEqual(DossierHistory.decode([1]), [])
    }

    func testDamagedBytesAreRefusedOrReadAsAnEarlierPart() throws {
        var generator = SeededGenerator(seed: 42)
        let events = (0..<20).map { _ in Self.randomEvents(&generator) }.first { $0.count >= 3 } ?? []
        XCTAssertGreaterThanOrEqual(events.count, 3)
        let packed = try XCTUnwrap(DossierHistory.encode(events))
        // Cut anywhere: refused, or (cut between two events) the events before the cut.
        for length in 0..<packed.count {
            guard let decoded = DossierHistory.decode(Array(packed.prefix(length))) else { continue }
            XCTAssertEqual(decoded, Array(events.prefix(decoded.count)), "cut at \(length)")
            XCTAssertLessThan(decoded.count, events.count)
        }
        XCTAssertNil(DossierHistory.decode([]))
        XCTAssertNil(DossierHistory.decode([2] + packed.dropFirst()), "unknown version")
        XCTAssertNil(DossierHistory.decode(packed + [0x80]), "a varint cut short")
        XCTAssertNil(DossierHistory.decode([1] + Array(repeating: 0xFF, count: 10) + [0x01]), "more than 64 bits")
        XCTAssertNil(DossierHistory.decode([1, 0x00]), "a step of 0")
        XCTAssertNil(DossierHistory.decode([1, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]),
                     "a time past the year 9999")
        // receive, actor "same as the previous" with no previous event
        XCTAssertNil(DossierHistory.decode([1, 0x01, 0x02, 0x15, 0x00]))
        // a word index past the vocabulary
        XCTAssertNil(DossierHistory.decode([1, 0x01, 0x02, 0x7F]))
        // a note of invalid UTF-8
        XCTAssertNil(DossierHistory.decode([1, 0x01, 0x02, 0x15, 0x01, 0x00, 0x07, 0x00, 0x07, 0x02, 0x02, 0xFF]))
        XCTAssertNotNil(DossierHistory.decode([1, 0x01, 0x02, 0x15, 0x01, 0x00, 0x07, 0x00, 0x07, 0x02, 0x02, 0x41]))
        // Random bytes after the version never crash, and what decodes re-packs to itself.
        for _ in 0..<5_000 {
            let bytes = [1] + (0..<Int(generator.next() % 40)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if let decoded = DossierHistory.decode(bytes) {
                XCTAssertEqual(DossierHistory.encode(decoded).flatMap(DossierHistory.decode), decoded)
            }
        }
    }

    // MARK: - Helpers

    static func event(seq: Int, at: String, action: String, actorID: Int?, actorName: String, actorRole: String,
                      from: String?, to: String, agencyID: Int, note: String?) -> DossierEvent {
        DossierEvent(seq: seq, at: at, action: action, actorID: actorID, actorName: actorName, actorRole: actorRole,
                      fromStatus: from, toStatus: to, agencyID: agencyID, note: note)
    }

    /// 0–7 events with every field's kinds: known and unknown words, canonical and other time
    /// texts, absent and present ids, from statuses and notes, Vietnamese text, combining marks,
    /// NUL, quotes, large numbers.
    static func randomEvents(_ generator: inout SeededGenerator) -> [DossierEvent] {
        let words = DossierHistory.vocabulary + ["", "sign", "Tiếp nhận", "x\u{0}y", "\"q\""]
        let texts = ["", "Nguyễn Văn A", "Cán bộ \u{0301}", "a\nb\r\nc", String(repeating: "Đ", count: 300), "\u{0}"]
        let times = ["2026-06-19T08:38:00+07:00", "1900-01-01T07:00:00+07:00", "9999-12-31T23:59:59+07:00",
                     "2026-06-19", "2026-06-19T01:38:00Z", "không phải ngày", "1969-12-31T23:59:59+07:00"]
        func pick<T>(_ values: [T]) -> T { values[Int(generator.next() % UInt64(values.count))] }
        var seq = Int(generator.next() % 3) == 0 ? Int.max / 2 : 0
        var previous: DossierEvent?
        return (0..<Int(generator.next() % 8)).map { _ in
            seq += 1 + Int(generator.next() % (generator.next() % 2 == 0 ? 3 : 1_000_000))
            let reuseActor = previous != nil && generator.next() % 2 == 0
            let seconds = Int64(generator.next() % 4_000_000_000) - 100_000_000
            let at = generator.next() % 3 == 0 ? pick(times) : VietnamTime.format(Date(timeIntervalSince1970: TimeInterval(seconds)))
            let event = event(
                seq: seq, at: at, action: pick(words),
                actorID: reuseActor ? previous?.actorID : (generator.next() % 4 == 0 ? nil : Int(generator.next() % 100_000)),
                actorName: reuseActor ? previous!.actorName : pick(texts),
                actorRole: reuseActor ? previous!.actorRole : pick(words),
                from: generator.next() % 3 == 0 ? nil : pick(words), to: pick(words),
                agencyID: generator.next() % 5 == 0 ? Int.max : Int(generator.next() % 300),
                note: generator.next() % 2 == 0 ? nil : pick(texts))
            previous = event
            return event
        }
    }
}
