/// One document of a dossier as readers see it (API.md: a dossier's `documents`): a row of
/// `documents`, or one unpacked from `dossiers.document_list`.
public struct DossierDocument: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var contentType: String
    public var size: Int
    /// Lowercase hex.
    public var sha256: String
    public var isResult: Bool

    public init(id: Int, name: String, contentType: String, size: Int, sha256: String, isResult: Bool) {
        self.id = id
        self.name = name
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.isResult = isResult
    }
}
