import Foundation
import HTTP

/// A `multipart/form-data` request read into its text fields and its checked `documents`
/// files. Every temporary file it wrote is removed by `discard()` (call it in a `defer`; files
/// already committed to the store are gone from the incoming folder, so it touches only the rest).
struct DocumentUploadForm {
    static let fileField = "documents"

    var fields: [String: String] = [:]
    var uploads: [DocumentUpload] = []
    private var temporaryPaths: [String] = []

    /// Whether the request declares a multipart form body.
    static func isMultipart(_ request: Request) -> Bool {
        (request.headers["Content-Type"] ?? "").lowercased().hasPrefix("multipart/form-data")
    }

    /// Reads and checks the form: type by content (415 naming the file), size per file (413).
    static func read(_ request: Request, store: DocumentFileStore) throws -> DocumentUploadForm {
        guard isMultipart(request) else {
            throw APIError.unsupportedMediaType("Tệp phải được gửi dạng multipart/form-data.")
        }
        var limits = MultipartForm.Limits()
        limits.maxParts = 64
        let parts: [MultipartForm.Part]
        do {
            parts = try MultipartForm.parse(request, directory: store.incomingDirectory, limits: limits)
        } catch {
            throw apiError(for: error)
        }
        var form = DocumentUploadForm()
        for part in parts { if case .file(let path, _) = part.content { form.temporaryPaths.append(path) } }
        do {
            try form.check(parts)
        } catch {
            form.discard()
            throw error
        }
        return form
    }

    private mutating func check(_ parts: [MultipartForm.Part]) throws {
        for part in parts {
            switch part.content {
            case .text(let text):
                fields[part.name] = text
            case .file(let path, let size):
                // File parts under other names are not documents; they are dropped.
                guard part.name == Self.fileField else { continue }
                let name = Self.displayName(part.filename)
                guard size <= DocumentLimits.maxFileBytes else {
                    throw APIError.payloadTooLarge("Tệp “\(name)” vượt quá dung lượng cho phép (10 MB mỗi tệp).")
                }
                let (sha256, head) = try DocumentFileStore.digest(ofFileAt: path)
                guard let kind = DocumentKind.detect(head) else {
                    throw APIError.unsupportedMediaType("Tệp “\(name)” không phải PDF, JPEG hoặc PNG.")
                }
                uploads.append(DocumentUpload(name: name, contentType: kind.contentType, size: size, sha256: sha256,
                                              temporaryPath: path))
            }
        }
        guard uploads.count <= DocumentLimits.maxFiles else {
            throw APIError.payloadTooLarge("Mỗi lần gửi tối đa \(DocumentLimits.maxFiles) tệp.")
        }
    }

    /// Moves every upload into the content-addressed store (before the database write, so no
    /// row ever names a missing file), holding each until `release`. Call `release` whatever
    /// happens next, this throwing included.
    func commit(to store: DocumentFileStore) throws {
        for upload in uploads { store.hold(upload.sha256) }
        for upload in uploads { try store.commit(temporaryPath: upload.temporaryPath, sha256: upload.sha256) }
    }

    /// Ends the holds `commit` took: after a write that recorded the documents, or, when
    /// `recorded` is false, removing the files no document row names (`DocumentFileStore.release`).
    func release(from store: DocumentFileStore, recorded: Bool, documents: DocumentStore) {
        store.release(uploads.map(\.sha256), removingUnreferenced: recorded ? nil : { try documents.isStored(sha256: $0) })
    }

    /// Removes the temporary files still in the incoming folder.
    func discard() {
        for path in temporaryPaths { _ = unlink(path) }  // committed ones are gone already: ENOENT is fine
    }

    /// A file name fit to store and show: the client's name without control characters,
    /// at most 200 characters; a default when none was sent.
    static func displayName(_ filename: String?) -> String {
        let cleaned = String((filename ?? "").unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(200))
        let trimmed = JSONBody.trimmingWhitespace(cleaned)
        return trimmed.isEmpty ? "tai-lieu" : trimmed
    }

    static func apiError(for error: MultipartError) -> APIError {
        switch error {
        case .tooManyParts, .partHeaderTooLarge, .fieldTooLarge:
            return .payloadTooLarge()
        case .fileSystem:
            return .internalError
        case .invalidBoundary, .malformed, .missingName, .truncated:
            return .badRequest("Nội dung multipart/form-data không hợp lệ.")
        }
    }
}
