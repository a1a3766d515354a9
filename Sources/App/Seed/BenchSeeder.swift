import Domain
import Foundation
import Storage

/// `motcua seed-bench`: N realistic dossiers received at the provincial centre for the
/// departments, spread over the past days in office hours, with their events chained as in
/// production, written in one transaction with multi-row inserts.
struct BenchSeeder {
    static let username = "bench.motcua"
    let database: Database
    let dataDirectory: String

    struct Result {
        var codes: [String]
        var token: String
        var procedureCode: String
        var rows: Int
        var seconds: Double
    }

    func run(dossierCount: Int, now: Date) throws -> Result {
        let started = Date()
        try ReferenceData(dataDirectory: dataDirectory).load(into: database)
        let catalog = try CatalogStore(database: database).load()
        let calendar = try CalendarStore(database: database).load()
        guard let centre = catalog.agencies.values.first(where: { $0.name == ReferenceData.centreName }) else {
            throw SeedError("thiếu Trung tâm Phục vụ hành chính công trong dữ liệu")
        }
        let procedures = catalog.proceduresByCode.values.filter { $0.agencyID != nil }.sorted { $0.code < $1.code }
        guard let firstProcedure = procedures.first else { throw SeedError("không có thủ tục cấp tỉnh") }

        let users = UserStore(database: database)
        let officer = try users.credentials(username: Self.username)?.user
            ?? users.add(UserStore.NewUser(username: Self.username, password: SecureRandom.token(), fullName: "Cán bộ đo hiệu năng",
                                           role: .counterOfficer, agencyID: centre.id, idNumber: nil, phone: nil, email: nil),
                         hasher: PasswordHasher(iterations: 1000), now: now)
        let sessions = SessionStore(database: database, lifetime: 30 * 24 * 3600)
        let token = try sessions.create(for: officer, now: now).token

        var generator = SeededGenerator(seed: 20_261_124)
        let perDay = 2_000
        let days = max(1, (dossierCount + perDay - 1) / perDay)
        var day = VietnamTime.localDate(now).adding(days: -days - 20)
        var codes: [String] = []
        codes.reserveCapacity(dossierCount)
        var rows = 0
        try database.writeInOwnTransaction { connection in
            var batch = DossierBatch(connection: connection, officer: officer, centre: centre)
            try batch.loadChainHead()
            var sequence = 0
            for index in 0..<dossierCount {
                if index % perDay == 0 {
                    if sequence > 0 { try batch.recordSequence(day: day, last: sequence) }
                    repeat { day = day.adding(days: 1) } while !calendar.isWorkingDay(day)
                    sequence = 0
                }
                sequence += 1
                let procedure = procedures[Int(generator.next() % UInt64(procedures.count))]
                let minute = 450 + Int(generator.next() % 540)   // 07:30 … 16:30
                let receivedAt = VietnamTime.date(day, minuteOfDay: minute)
                let due = calendar.dueDate(receivedAt: receivedAt, limit: procedure.timeLimit).due
                let code = DossierCode.make(identifier: centre.identifier, date: day, sequence: sequence)
                codes.append(code)
                rows += try batch.add(code: code, procedure: procedure, receivedAt: receivedAt, dueAt: due,
                                      now: now, generator: &generator)
            }
            if sequence > 0 { try batch.recordSequence(day: day, last: sequence) }
            rows += try batch.flush()
        }
        try database.checkpoint()
        return Result(codes: codes, token: token, procedureCode: firstProcedure.code, rows: rows,
                      seconds: Date().timeIntervalSince(started))
    }
}

/// A small, fast, deterministic generator (SplitMix64), so seeded data is repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
