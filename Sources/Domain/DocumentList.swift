// The domain fuzz target compiles Hex.swift into this module; SwiftPM builds Hashing apart.
#if canImport(Hashing)
import Hashing
#endif

/// The documents of one dossier, packed into `dossiers.document_list` (migration 0012) as its
/// events are into `history` (`DossierHistory`), so that reading a dossier with documents still
/// reads one row. `documents` stays the record; this is a copy written in the same transaction
/// as every change of the dossier's documents (`DocumentStore`). NULL means not packed: readers
/// then query `documents`, as they do when a packed value does not decode, and
/// `motcua audit verify` compares every packed list with the table.
///
/// Format (version 1): one byte `1`, then each document in `id` order: the id (the first
/// absolute, later ones as the step from the previous, ≥ 1), the name (a string), the content
/// type (a word), the size (a varint), the SHA-256 (32 bytes), the result flag (one byte, 0 or
/// 1). Varints, strings and words as `PackedWriter` writes them.
public enum DocumentList {
    public static let formatVersion: UInt8 = 1

    /// Content types stored as their index. Append only.
    public static let contentTypes = ["application/pdf", "image/jpeg", "image/png"]

    private static let contentTypeIndex = PackedWriter.index(of: contentTypes)

    /// The packed list, or nil when it cannot be packed exactly (ids not increasing from 1 up,
    /// a negative size, a SHA-256 that is not 64 lowercase hex digits): the caller then stores
    /// NULL.
    public static func encode(_ documents: [DossierDocument]) -> [UInt8]? {
        var out = PackedWriter(version: formatVersion, capacity: 8 + documents.count * 72)
        var previousID = 0
        for document in documents {
            // Lowercase only: the text must come back as it was.
            guard document.id > previousID, document.size >= 0, let digest = Hex.decode(document.sha256),
                  digest.count == 32, Hex.encode(digest) == document.sha256 else {
                return nil
            }
            out.varint(UInt64(document.id - previousID))
            out.string(document.name)
            out.word(document.contentType, index: contentTypeIndex)
            out.varint(UInt64(document.size))
            out.bytes += digest
            out.bytes.append(document.isResult ? 1 : 0)
            previousID = document.id
        }
        return out.bytes
    }

    /// The documents, or nil when `bytes` is not a list this version wrote.
    public static func decode(_ bytes: [UInt8]) -> [DossierDocument]? {
        var reader = PackedReader(bytes: bytes)
        guard reader.byte() == formatVersion else { return nil }
        var documents: [DossierDocument] = []
        var previousID = 0
        while !reader.isAtEnd {
            guard let step = reader.int(), step >= 1,
                  case let (id, overflow) = previousID.addingReportingOverflow(step), !overflow,
                  let name = reader.string(), let contentType = reader.word(vocabulary: contentTypes),
                  let size = reader.int(), let digest = reader.raw(count: 32), let flag = reader.byte(), flag <= 1
            else { return nil }
            documents.append(DossierDocument(id: id, name: name, contentType: contentType, size: size,
                                             sha256: Hex.encode(digest), isResult: flag == 1))
            previousID = id
        }
        return documents
    }
}
