/// The file types accepted as dossier documents, recognised by their leading bytes (magic
/// numbers), never by file name or declared Content-Type.
enum DocumentKind: CaseIterable {
    case pdf
    case jpeg
    case png

    /// The signature each type starts with: PDF 1.7 (ISO 32000-1 §7.5.2) `%PDF-`; JPEG
    /// (ITU-T T.81) SOI `FF D8` followed by a marker `FF`; PNG (RFC 2083 §3.1) the 8-byte
    /// signature `89 50 4E 47 0D 0A 1A 0A`.
    var signature: [UInt8] {
        switch self {
        case .pdf: Array("%PDF-".utf8)
        case .jpeg: [0xFF, 0xD8, 0xFF]
        case .png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        }
    }

    /// The media type stored and served for the type.
    var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }

    /// The type whose signature `head` (the file's first bytes) starts with, or nil.
    static func detect(_ head: [UInt8]) -> DocumentKind? {
        allCases.first { head.starts(with: $0.signature) }
    }
}
