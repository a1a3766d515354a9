import Domain
import Foundation
import Storage

extension BenchSeeder {
    /// Events each action target has: `GET /api/v1/dossiers/{code}` "with 20 events" is one of
    /// the lifecycle issue's benchmark figures.
    static let targetEventCount = 20

    /// One dossier for the action benchmark (`bench/actions.sh`) and the specialist that
    /// `assign` names on it.
    struct ActionTarget {
        var code: String
        var assigneeID: Int
    }

    /// Receives `count` dossiers at the centre today, as the counter would (code, event, notice),
    /// for the provincial procedures in turn; makes (once) a specialist in each department
    /// concerned; and assigns each dossier to its department's specialist until it has
    /// `targetEventCount` events, through the same event chain as the API. The bench officer
    /// received them, so it may act on all of them again and again (`assign` keeps a dossier
    /// in progress).
    func makeActionTargets(count: Int, now: Date) throws -> [ActionTarget] {
        let (database, _) = try DatabaseSetup.open(path)
        defer { database.close() }
        let catalog = try CatalogStore(database: database).load()
        let calendar = try CalendarStore(database: database).load()
        guard let centre = catalog.agencies.values.first(where: { $0.name == ReferenceData.centreName }) else {
            throw SeedError("thiếu Trung tâm Phục vụ hành chính công trong dữ liệu")
        }
        let procedures = catalog.proceduresByCode.values.filter { $0.agencyID != nil }.sorted { $0.code < $1.code }
        let users = UserStore(database: database)
        guard !procedures.isEmpty, let officer = try users.credentials(username: Self.username)?.user else {
            throw SeedError("chạy seed-bench trước khi tạo hồ sơ đo thao tác / run the bench seed first")
        }
        var specialists: [Int: User] = [:]
        for agencyID in Set(procedures.compactMap(\.agencyID)).sorted() {
            let username = "bench.chuyenvien.\(agencyID)"
            specialists[agencyID] = try users.credentials(username: username)?.user
                ?? users.add(UserStore.NewUser(username: username, password: SecureRandom.token(),
                                               fullName: "Chuyên viên đo hiệu năng", role: .specialist, agencyID: agencyID,
                                               idNumber: nil, phone: nil, email: nil),
                             hasher: PasswordHasher(iterations: 1000), now: now)
        }
        var random = SeededGenerator(seed: 20_261_124)
        return try database.writeInOwnTransaction { connection in
            try (0..<count).map { index in
                let procedure = procedures[index % procedures.count]
                guard let agencyID = procedure.agencyID, let specialist = specialists[agencyID] else {
                    throw SeedError("thiếu chuyên viên cho thủ tục \(procedure.code)")
                }
                let applicant = Dossier.Applicant(
                    fullName: SampleApplicant.name(&random), idNumber: SampleApplicant.idNumber(&random),
                    phone: SampleApplicant.phone(&random), email: nil, address: SampleApplicant.address(&random))
                let due = calendar.dueDate(receivedAt: now, limit: procedure.timeLimit).due
                let intake = DossierStore.Intake(procedure: procedure, agencyID: agencyID, deskAgency: centre, channel: "counter",
                                                 status: .received, applicant: applicant, applicantUserID: nil, note: nil,
                                                 now: now, receivedAt: now, dueAt: due)
                let notice = NotificationTexts.ReceivedNotice(applicantName: applicant.fullName,
                                                              procedureName: procedure.name, dueAt: due)
                let dossier = try DossierStore.insert(intake, notice: notice, by: officer, on: connection)
                try Self.assignRepeatedly(dossier, to: specialist, by: officer, now: now, on: connection)
                return ActionTarget(code: dossier.code, assigneeID: specialist.id)
            }
        }
    }

    /// Appends `assign` events until the dossier has `targetEventCount`, as
    /// `POST /api/v1/dossiers/{code}/actions` would (status, assignee, version, chained events).
    private static func assignRepeatedly(_ dossier: Dossier, to assignee: User, by officer: User, now: Date,
                                         on connection: Connection) throws {
        let missing = targetEventCount - dossier.events.count
        guard missing > 0 else { return }
        let at = VietnamTime.format(now)
        var status = dossier.status
        var events = dossier.events
        for _ in 0..<missing {
            events.append(try EventLog.append(EventLog.NewEvent(
                dossierID: dossier.id, dossierCode: dossier.code, at: at, action: DossierAction.assign.rawValue,
                actor: officer, actorName: officer.fullName, actorRole: officer.role.rawValue, fromStatus: status,
                toStatus: .inProgress, agencyID: dossier.deskAgencyID, note: nil), after: events, on: connection))
            status = .inProgress
        }
        try connection.run("""
            UPDATE dossiers SET status = 'in_progress', assignee_id = ?, version = version + ?, updated_at = ? WHERE id = ?
            """, [SQLiteValue(assignee.id), SQLiteValue(missing), SQLiteValue(at), SQLiteValue(dossier.id)])
    }
}
