/// Size limits of dossier documents (stated in docs/API.md).
enum DocumentLimits {
    /// Body of an upload request (the route's limit, refused from Content-Length before reading).
    static let maxRequestBytes = 25 * 1024 * 1024
    static let maxFileBytes = 10 * 1024 * 1024
    /// All documents of one dossier together (result documents not counted).
    static let maxDossierBytes = 50 * 1024 * 1024
    /// Files in one request.
    static let maxFiles = 20
}
