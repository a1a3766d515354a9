/// One uploaded file, checked and hashed, still in the incoming folder until it is committed
/// to the document store.
struct DocumentUpload: Sendable {
    var name: String
    var contentType: String
    var size: Int
    var sha256: String
    var temporaryPath: String
}
