import Domain
import Storage

/// `motcua audit verify`: recomputes the SHA-256 chain of `dossier_events` from the first
/// event and names the first broken link (issue 3, item 10).
///
/// A link is broken when a `seq` is missing (a deleted row), when a row's `previous_hash` is
/// not the hash of the row before it (a row inserted or removed), or when a row's `hash` is
/// not the hash of its own content (an edited row). Rows are streamed, so a province's
/// millions of events are checked in constant memory.
enum AuditChain {
    struct Report: Equatable {
        /// Events checked up to (not including) the first broken one.
        var verified: Int
        var firstBroken: BrokenLink?
    }

    struct BrokenLink: Equatable {
        var seq: Int
        var reason: Reason
    }

    enum Reason: Equatable {
        /// `seq` follows `expected - 1` but is not `expected`: events in between are missing.
        case missingEvents(expected: Int)
        /// `previous_hash` differs from the previous event's hash.
        case previousHashMismatch
        /// The stored hash is not the hash of the row's content.
        case contentChanged

        /// Vietnamese explanation for the operator.
        var message: String {
            switch self {
            case let .missingEvents(expected):
                return "thiếu sự kiện từ số thứ tự \(expected) (đã bị xóa?)"
            case .previousHashMismatch:
                return "mã băm của sự kiện trước không khớp (sự kiện bị chèn hoặc bị xóa)"
            case .contentChanged:
                return "nội dung sự kiện đã bị sửa (mã băm không khớp)"
            }
        }
    }

    static func verify(_ database: Database) throws -> Report {
        try database.read { connection in
            var report = Report(verified: 0, firstBroken: nil)
            var previousHash = EventLog.genesisHash
            var expectedSeq = 1
            try connection.forEach("""
                SELECT e.seq, e.previous_hash, e.hash, d.code, e.at, e.action, e.actor_id, e.from_status,
                       e.to_status, e.agency_id, e.note
                FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id ORDER BY e.seq
                """) { row in
                guard report.firstBroken == nil else { return }
                let seq = try row.int(at: 0)
                let link = { (reason: Reason) in report.firstBroken = BrokenLink(seq: seq, reason: reason) }
                guard seq == expectedSeq else { return link(.missingEvents(expected: expectedSeq)) }
                guard try row.string(at: 1) == previousHash else { return link(.previousHashMismatch) }
                let stored = try row.string(at: 2)
                let computed = EventLog.chainHash(
                    seq: seq, previousHash: previousHash, dossierCode: try row.string(at: 3), at: try row.string(at: 4),
                    action: try row.string(at: 5), actorID: try row.optionalInt64(at: 6).map { Int($0) },
                    fromStatus: try row.optionalString(at: 7), toStatus: try row.string(at: 8),
                    agencyID: try row.int(at: 9), note: try row.optionalString(at: 10))
                guard computed == stored else { return link(.contentChanged) }
                previousHash = stored
                expectedSeq += 1
                report.verified += 1
            }
            return report
        }
    }

    /// How many packed copies in dossier rows were checked, and the first dossier (in id
    /// order) whose copy is not exactly its rows. A NULL copy is not packed and is skipped; one
    /// that does not decode is a mismatch.
    struct PackedCopyReport: Equatable {
        var checked: Int
        var firstMismatch: String?
    }

    /// Every packed history (`dossiers.history`, `DossierHistory`) against the dossier's
    /// events in `dossier_events`.
    static func verifyHistories(_ database: Database) throws -> PackedCopyReport {
        try verifyPacked("history", in: database, decode: DossierHistory.decode, encode: DossierHistory.encode) { id, connection in
            try DossierStore.events(dossierID: id, packed: nil, on: connection)
        }
    }

    /// Every packed document list (`dossiers.document_list`, `DocumentList`) against the
    /// dossier's rows in `documents`.
    static func verifyDocumentLists(_ database: Database) throws -> PackedCopyReport {
        try verifyPacked("document_list", in: database, decode: DocumentList.decode, encode: DocumentList.encode) { id, connection in
            try DocumentStore.documents(dossierID: id, on: connection)
        }
    }

    /// Streams the dossiers with a non-NULL `column` in id order, in constant memory, comparing
    /// each decoded copy with `recorded` of the same read snapshot. Compared as their packed
    /// bytes, which hold every text's own UTF-8 bytes: `==` on Swift strings would let text
    /// that differs only in Unicode normalization (NFC against NFD) pass as the same.
    private static func verifyPacked<Value>(
        _ column: String, in database: Database, decode: @escaping ([UInt8]) -> Value?,
        encode: @escaping (Value) -> [UInt8]?, recorded: @escaping (Int, Connection) throws -> Value
    ) throws -> PackedCopyReport {
        try database.read { connection in
            var report = PackedCopyReport(checked: 0, firstMismatch: nil)
            try connection.forEach("SELECT id, code, \(column) FROM dossiers WHERE \(column) IS NOT NULL ORDER BY id") { row in
                guard report.firstMismatch == nil else { return }
                let stored = decode(try row.blob(at: 2))
                guard let stored, let storedBytes = encode(stored),
                      storedBytes == encode(try recorded(row.int(at: 0), connection)) else {
                    return report.firstMismatch = try row.string(at: 1)
                }
                report.checked += 1
            }
            return report
        }
    }
}
