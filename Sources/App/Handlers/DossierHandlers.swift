import Domain
import Foundation
import HTTP

/// `GET /api/v1/dossiers/{code}` and `POST /api/v1/dossiers` (intake, as JSON or as
/// multipart/form-data with documents).
struct DossierHandlers: Sendable {
    let context: AppContext
    var authenticator: Authenticator { Authenticator(sessions: context.sessions) }

    func show(_ request: Request) throws -> Response {
        let now = context.now()
        let user = try authenticator.requireUser(for: request, now: now)
        guard let code = request.pathParameters["code"], let dossier = try context.dossiers.find(code: code),
              dossier.isVisible(to: user) else {
            throw APIError.notFound("Không tìm thấy hồ sơ.")
        }
        var response = JSONResponse.make { dossier.writeJSON(into: &$0, now: now) }
        // The version an action may name in If-Match (RFC 9110 §13.1.1).
        response.headers.add("ETag", dossier.entityTag)
        return response
    }

    /// Answers through `reply` once the dossier is committed: the write waits for its group
    /// commit without holding a thread (`Routes.secured(deferred:)`).
    func create(_ request: Request, reply: @escaping Routes.Reply) throws {
        let now = context.now()
        let user = try authenticator.requireUser(for: request, now: now)
        guard user.role == .citizen || user.role == .counterOfficer else {
            throw APIError.forbidden("Chỉ công dân hoặc công chức Bộ phận Một cửa mới được nộp, tiếp nhận hồ sơ.")
        }
        let key = try IdempotencyKey.of(request)
        // multipart/form-data: the JSON form in the part `dossier`, files in parts `documents`.
        var upload: DocumentUploadForm?
        defer { upload?.discard() }
        let body: JSONBody
        if DocumentUploadForm.isMultipart(request) {
            let read = try DocumentUploadForm.read(request, store: context.documentFiles)
            upload = read
            guard let text = read.fields["dossier"] else {
                throw APIError.validationFailed(["dossier": "Thiếu phần dossier chứa thông tin hồ sơ (JSON)."])
            }
            body = try JSONBody.parse(bytes: Array(text.utf8))
        } else {
            body = try JSONBody.parse(request)
        }
        let catalog = context.catalog
        let form = try DossierIntakeForm.validate(body, today: VietnamTime.localDate(now)) {
            catalog.proceduresByCode[$0] != nil
        }
        guard let procedure = catalog.proceduresByCode[form.procedureCode] else {
            throw APIError.validationFailed(["procedure_code": "Không tìm thấy thủ tục có mã \(form.procedureCode)."])
        }
        var intake = try makeIntake(form: form, procedure: procedure, user: user, catalog: catalog, now: now)
        intake.key = key.map { KeyedRequest(key: $0, fingerprint: Self.fingerprint(form, documents: upload?.uploads ?? [])) }
        @Sendable func created(_ dossier: Dossier) -> Response {
            var response = JSONResponse.make(status: 201) { dossier.writeJSON(into: &$0, now: now) }
            response.headers.add("Location", "/api/v1/dossiers/\(dossier.code)")
            return response
        }
        // A retry answered from a reader, before its files reach the document store; the write
        // checks the key again, for retries that arrive together.
        if let key = intake.key, let earlier = try context.dossiers.dossier(createdWith: key, by: user, now: now) {
            reply { created(earlier) }
            return
        }
        if let upload {
            do {
                try upload.commit(to: context.documentFiles)
            } catch {
                upload.release(from: context.documentFiles, recorded: false, documents: context.documents)
                throw error
            }
            intake.documents = upload.uploads
        }
        let context = self.context
        let committed = upload
        context.dossiers.create(intake, by: user) { result in
            if let committed, case .success = result {
                committed.release(from: context.documentFiles, recorded: true, documents: context.documents)
            } else if let committed {
                // Looking for rows that name the files is a read: not on the writer's queue.
                DispatchQueue.global(qos: .utility).async {
                    committed.release(from: context.documentFiles, recorded: false, documents: context.documents)
                }
            }
            reply {
                let dossier = try result.get()
                context.notificationWorker.nudge()  // a receipt queues a notice (committed by now)
                return created(dossier)
            }
        }
    }

    /// The fingerprint of an intake (`IdempotencyKey.fingerprint`): its validated fields and its
    /// files' names, types and contents; the same dossier sent again, however its JSON is spaced
    /// or ordered, gives the same one.
    static func fingerprint(_ form: DossierIntakeForm, documents: [DocumentUpload]) -> [UInt8] {
        IdempotencyKey.fingerprint([form.procedureCode, form.channel, form.agencyID.map(String.init),
                                    form.applicant.fullName, form.applicant.idNumber, form.applicant.phone,
                                    form.applicant.email, form.applicant.address, form.note]
                                   + documents.flatMap(\.fingerprintFields))
    }

    /// Channel rules of API.md: a citizen submits online (→ submitted, awaiting acceptance);
    /// a counter officer receives at the counter or by post (→ received, due date at once).
    private func makeIntake(form: DossierIntakeForm, procedure: Procedure, user: User, catalog: CatalogSnapshot,
                            now: Date) throws -> DossierStore.Intake {
        // A dossier received now has its receipt time and due date; a submitted one neither.
        func intake(desk: Agency, status: DossierStatus, applicantUserID: Int? = nil, dueAt: Date? = nil) -> DossierStore.Intake {
            DossierStore.Intake(procedure: procedure, agencyID: procedure.agencyID ?? desk.id, deskAgency: desk,
                                channel: form.channel, status: status, applicant: form.applicant,
                                applicantUserID: applicantUserID, note: form.note, now: now,
                                receivedAt: dueAt == nil ? nil : now, dueAt: dueAt)
        }
        if user.role == .citizen {
            guard form.channel == "online" else {
                throw APIError.validationFailed(["channel": "Công dân chỉ nộp hồ sơ qua kênh trực tuyến (online)."])
            }
            guard procedure.onlineLevel != "none" else {
                throw APIError.validationFailed(["procedure_code": "Thủ tục này chưa cung cấp dịch vụ công trực tuyến; vui lòng nộp tại Bộ phận Một cửa."])
            }
            guard let desk = catalog.desk(for: procedure, localAgencyID: form.agencyID) else {
                throw APIError.validationFailed(["agency_id": "Vui lòng chọn UBND cấp huyện hoặc cấp xã nơi nộp hồ sơ."])
            }
            return intake(desk: desk, status: .submitted, applicantUserID: user.id)
        }
        guard form.channel == "counter" || form.channel == "postal" else {
            throw APIError.validationFailed(["channel": "Tại Bộ phận Một cửa, kênh tiếp nhận là counter (trực tiếp) hoặc postal (bưu chính)."])
        }
        guard let deskID = user.agencyID, let desk = catalog.agencies[deskID], catalog.desk(deskID, receives: procedure) else {
            throw APIError.validationFailed(["procedure_code": "Thủ tục này không thuộc phạm vi tiếp nhận của Bộ phận Một cửa nơi bạn công tác."])
        }
        let due = context.calendar.dueDate(receivedAt: now, limit: procedure.timeLimit).due
        return intake(desk: desk, status: .received, dueAt: due)
    }
}

extension CatalogSnapshot {
    /// The desk that receives online dossiers of `procedure`: a centre that serves its
    /// department, or the department's own desk; for a district or commune procedure, the desk
    /// of the district or commune the applicant chose (`agency_id`).
    func desk(for procedure: Procedure, localAgencyID: Int?) -> Agency? {
        guard let agencyID = procedure.agencyID else {
            guard let localAgencyID, let local = agencies[localAgencyID], local.level.rawValue == procedure.level else {
                return nil
            }
            return local
        }
        let centres = deskServices.filter { $0.value.contains(agencyID) }.keys.sorted()
        if let centre = centres.first { return agencies[centre] }
        return agencies[agencyID]
    }
}
