import Domain
import Foundation
import HTTP

/// `POST /api/v1/dossiers/{code}/documents` (upload) and `GET /api/v1/documents/{id}`
/// (download), for those who may see the dossier; anyone else gets 404.
struct DocumentHandlers: Sendable {
    let context: AppContext
    var authenticator: Authenticator { Authenticator(sessions: context.sessions) }

    func upload(_ request: Request) throws -> Response {
        let now = context.now()
        let user = try authenticator.requireUser(for: request, now: now)
        // A role that never adds documents is refused before the dossier is looked up, so the
        // answer is the same whether the code exists or not.
        guard user.role == .citizen || user.role.isAgencyStaff else {
            throw APIError.forbidden("Chỉ người nộp hồ sơ và cán bộ xử lý mới được bổ sung tài liệu.")
        }
        guard let code = request.pathParameters["code"], let dossier = try context.dossiers.find(code: code),
              dossier.isVisible(to: user) else {
            throw APIError.notFound("Không tìm thấy hồ sơ.")
        }
        guard Self.mayUpload(user, to: dossier) else {
            throw APIError.forbidden("Chỉ người nộp hồ sơ và cán bộ xử lý mới được bổ sung tài liệu.")
        }
        let key = try IdempotencyKey.of(request)
        // A finished dossier takes no more documents, but a retry of an upload made before it
        // finished is still answered (below); only such a retry reads the body.
        let mayBeRetry = try key.map { try context.documents.wasUsedRecently($0, by: user, now: now) } ?? false
        guard !dossier.status.isTerminal || mayBeRetry else {
            throw APIError.conflict("Hồ sơ đã kết thúc xử lý, không thể bổ sung tài liệu.")
        }
        let files = context.documentFiles
        let form = try DocumentUploadForm.read(request, store: files)
        defer { form.discard() }
        guard !form.uploads.isEmpty else {
            throw APIError.validationFailed([DocumentUploadForm.fileField: "Vui lòng chọn ít nhất một tệp tài liệu."])
        }
        // The dossier and every file's name, type and content (IdempotencyKey.fingerprint).
        let keyed = key.map { KeyedRequest(key: $0, fingerprint: IdempotencyKey.fingerprint(
            [dossier.code] + form.uploads.flatMap(\.fingerprintFields))) }
        // A retry is answered from a reader before its files reach the store; the write checks
        // the key again, for retries that arrive together.
        let documents: [Dossier.Document]
        if mayBeRetry, let keyed, let earlier = try context.documents.documents(uploadedWith: keyed, by: user, now: now) {
            documents = earlier
        } else {
            var recorded = false
            defer { form.release(from: files, recorded: recorded, documents: context.documents) }
            try form.commit(to: files)
            documents = try context.documents.attach(form.uploads, toDossier: dossier.code, by: user, now: now, key: keyed)
            recorded = true
        }
        return JSONResponse.make(status: 201) { json in
            json.beginObject()
            json.key("items")
            json.beginArray()
            for document in documents { Dossier.write(document, into: &json) }
            json.endArray()
            json.endObject()
        }
    }

    func download(_ request: Request) throws -> Response {
        let now = context.now()
        let user = try authenticator.requireUser(for: request, now: now)
        guard let id = request.pathParameters["id"].flatMap({ Int($0) }), let located = try context.documents.find(id: id),
              let dossier = try context.dossiers.find(code: located.dossierCode), dossier.isVisible(to: user),
              let path = context.documentFiles.path(forSHA256: located.document.sha256) else {
            throw APIError.notFound("Không tìm thấy tài liệu.")
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", located.document.contentType)
        headers.add("Content-Disposition", Self.attachmentDisposition(filename: located.document.name))
        headers.add("Cache-Control", "private, no-store")
        return Response(status: 200, headers: headers, body: .file(path: path, size: located.document.size))
    }

    /// The applicant (citizen owner) and the staff who process dossiers; the read-only roles
    /// (province monitor, integration) and the system admin may look but not add.
    static func mayUpload(_ user: User, to dossier: Dossier) -> Bool {
        if user.role == .citizen { return dossier.applicantUserID == user.id }
        return user.role.isAgencyStaff
    }

    /// `attachment` with the name both as an ASCII fallback and, exactly, as `filename*` in
    /// UTF-8 (RFC 6266 §4.3, RFC 5987 §3.2.1: every byte outside attr-char percent-encoded).
    static func attachmentDisposition(filename: String) -> String {
        let fallback = String(filename.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" && scalar.value != 0x7F
                ? Character(scalar) : "_"
        })
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(percentEncodedAttributeValue(filename))"
    }

    /// RFC 5987 §3.2.1 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." /
    /// "^" / "_" / "`" / "|" / "~"; everything else as %XX of its UTF-8 bytes.
    static func percentEncodedAttributeValue(_ text: String) -> String {
        let extra = Set("!#$&+-.^_`|~".utf8)
        return PercentEncoding.encode(text) { PercentEncoding.isASCIIAlphanumeric($0) || extra.contains($0) }
    }
}
