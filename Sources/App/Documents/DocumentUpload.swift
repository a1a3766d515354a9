/// One uploaded file, checked and hashed, still in the incoming folder until it is committed
/// to the document store.
struct DocumentUpload: Sendable {
    var name: String
    var contentType: String
    var size: Int
    var sha256: String
    var temporaryPath: String
}

extension DocumentUpload {
    /// What an `Idempotency-Key` fingerprint takes from a file: its name, type and content.
    var fingerprintFields: [String?] { [name, contentType, sha256] }
}
