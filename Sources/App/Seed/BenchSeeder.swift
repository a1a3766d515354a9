import Domain
import Foundation
import Storage

/// `motcua seed-bench`: N realistic dossiers received at the provincial centre for the
/// departments, spread over the past days in office hours, with their events chained as in
/// production, written in one transaction while another thread generates the next rows.
struct BenchSeeder {
    static let username = "bench.motcua"
    let path: String

    struct Result {
        var codes: [String]
        var token: String
        var procedureCode: String
        var rows: Int
        var seconds: Double
    }

    /// What the load needs, read (and the bench officer and session written) through the
    /// normal `Database` before it is closed for the bulk load.
    private struct Plan {
        var officer: User
        var token: String
        var centre: Agency
        var procedures: [(procedure: Procedure, snapshotID: Int)]
        var calendar: WorkingCalendar
    }

    func run(dossierCount: Int, now: Date) throws -> Result {
        let started = Date()
        let plan = try prepare(now: now)
        var codes: [String] = []
        codes.reserveCapacity(dossierCount)
        var rows = 0
        // Every reference is taken from the rows just read (catalogue, calendar, this officer)
        // and every status and channel from the domain's own values, so SQLite's per-row
        // foreign-key lookups and CHECK constraints are skipped (SeedBenchTests runs
        // foreign_key_check and quick_check instead), and the running counts are added once
        // instead of by a trigger per row. One transaction, so a failure leaves nothing
        // half-seeded; it returns once the file is on disk.
        do {
            try Database.bulkLoad(path: path) { connection in
                let batch = try DossierBatch(connection: connection, centre: plan.centre)
                let head = try batch.chainHead()
                try DossierCounters.suspendingInsertTrigger(connection) {
                    var counts: [DossierCounters.Key: Int] = [:]
                    let generator = DossierGenerator(officer: plan.officer, centre: plan.centre, procedures: plan.procedures,
                                                     calendar: plan.calendar, now: now, dossierCount: dossierCount, head: head)
                    // Generation and hashing run on their own thread while this queue inserts.
                    let chunks = BoundedChannel<DossierGenerator.Chunk>(capacity: 4)
                    let produced = DispatchSemaphore(value: 0)
                    let producer = Thread {
                        Self.produce(generator, dossierCount: dossierCount, into: chunks)
                        produced.signal()
                    }
                    producer.start()
                    defer {
                        chunks.cancel()   // stops the producer early if an insert threw
                        produced.wait()
                    }
                    while let chunk = chunks.receive() {
                        codes += chunk.codes
                        rows += try batch.write(chunk)
                        counts.merge(chunk.counts, uniquingKeysWith: +)
                    }
                    return counts
                }
            }
        } catch let error as SQLiteError where error.isBusy {
            throw SeedError("cơ sở dữ liệu đang được dùng (hãy dừng máy chủ) / the database is in use; stop the server first: \(error)")
        }
        return Result(codes: codes, token: plan.token, procedureCode: plan.procedures[0].procedure.code, rows: rows,
                      seconds: Date().timeIntervalSince(started))
    }

    /// Migrates, loads the reference data into an empty file, and makes the bench officer and
    /// its session; closes the database again, since the bulk load needs the file to itself.
    private func prepare(now: Date) throws -> Plan {
        let (database, _) = try DatabaseSetup.open(path)
        defer { database.close() }
        // The generated codes and hash chain start from an empty dossier table.
        if try database.read({ try $0.queryOne("SELECT 1 AS found FROM dossiers LIMIT 1") }) != nil {
            throw SeedError("cơ sở dữ liệu đã có hồ sơ; seed-bench cần một cơ sở dữ liệu chưa có hồ sơ / the database already holds dossiers")
        }
        let catalog = try CatalogStore(database: database).load()
        let calendar = try CalendarStore(database: database).load()
        guard let centre = catalog.agencies.values.first(where: { $0.name == ReferenceData.centreName }) else {
            throw SeedError("thiếu Trung tâm Phục vụ hành chính công trong dữ liệu")
        }
        let procedures = catalog.proceduresByCode.values.filter { $0.agencyID != nil }.sorted { $0.code < $1.code }
        guard !procedures.isEmpty else { throw SeedError("không có thủ tục cấp tỉnh") }

        let users = UserStore(database: database)
        let officer = try users.credentials(username: Self.username)?.user
            ?? users.add(UserStore.NewUser(username: Self.username, password: SecureRandom.token(), fullName: "Cán bộ đo hiệu năng",
                                           role: .counterOfficer, agencyID: centre.id, idNumber: nil, phone: nil, email: nil),
                         hasher: PasswordHasher(iterations: 1000), now: now)
        let sessions = SessionStore(database: database, lifetime: 30 * 24 * 3600)
        let token = try sessions.create(for: officer, now: now).token
        let snapshots = try database.writeInOwnTransaction { connection in
            try procedures.map { (procedure: $0, snapshotID: try ProcedureSnapshots.id(for: $0, on: connection)) }
        }
        return Plan(officer: officer, token: token, centre: centre, procedures: snapshots, calendar: calendar)
    }
}

extension BenchSeeder {
    static let dossiersPerChunk = 1_000

    /// Sends the dossiers chunk by chunk, then finishes; returns early if the consumer cancels.
    static func produce(_ generator: DossierGenerator, dossierCount: Int, into chunks: BoundedChannel<DossierGenerator.Chunk>) {
        var generator = generator
        var made = 0
        while made < dossierCount {
            let count = min(dossiersPerChunk, dossierCount - made)
            made += count
            guard chunks.send(generator.makeChunk(count: count, isLast: made == dossierCount)) else { return }
        }
        chunks.finish()
    }
}
