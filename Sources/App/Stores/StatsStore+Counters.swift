import Storage

extension StatsStore {
    /// The summary of everything received up to `now` (the dashboard's default view), from the
    /// running counters of migration 0002 and a range count of open dossiers past their due
    /// date: its cost grows with the number of agencies and of overdue dossiers, not with the
    /// size of the dossiers table. Gives the same figures as `summary(from:to:...)` with
    /// `from` at the beginning of time and `to` = `now`.
    func currentSummary(now: String, scopeAgencyID: Int?, agencyIDs: Set<Int>?) throws -> [Counts] {
        try database.read { connection in
            var result: [Int: Counts] = [:]
            try connection.forEach("""
                SELECT agency_id, channel, status, is_received, timing, is_digitized, SUM(count)
                FROM dossier_counters
                WHERE ?1 IS NULL OR agency_id = ?1 OR desk_agency_id = ?1 OR current_agency_id = ?1
                GROUP BY agency_id, channel, status, is_received, timing, is_digitized
                """, [SQLiteValue(scopeAgencyID)]) { row in
                let agency = try row.int(at: 0)
                if let agencyIDs, !agencyIDs.contains(agency) { return }
                let count = try row.int(at: 6)
                guard count != 0 else { return }
                let channel = try row.string(at: 1), status = try row.string(at: 2), timing = try row.string(at: 4)
                var counts = result[agency] ?? Counts(agencyID: agency)
                if try row.int(at: 3) != 0 {
                    counts.receivedInPeriod += count
                    switch channel {
                    case "online": counts.online += count
                    case "counter": counts.counter += count
                    default: counts.postal += count
                    }
                    if try row.int(at: 5) != 0 { counts.digitized += count }
                    // Only a received dossier is resolved (one withdrawn before receipt never was).
                    switch timing {
                    case "": counts.inProgressWithin += count
                    case "early": counts.resolvedEarly += count
                    case "on_time": counts.resolvedOnTime += count
                    case "late": counts.resolvedLate += count
                    default: break
                    }
                }
                if status == "withdrawn", !timing.isEmpty { counts.withdrawn += count }
                if status == "refused" { counts.refused += count }
                result[agency] = counts
            }
            // Open dossiers already past their due date move from "within" to "overdue". The
            // planner would otherwise walk every open dossier by agency; the partial index
            // reaches just the overdue ones.
            try connection.forEach("""
                SELECT agency_id, COUNT(*) FROM dossiers INDEXED BY dossiers_open_due
                WHERE finished_at IS NULL AND received_at IS NOT NULL AND original_due_at < ?1
                  AND (?2 IS NULL OR agency_id = ?2 OR desk_agency_id = ?2 OR current_agency_id = ?2)
                GROUP BY agency_id
                """, [SQLiteValue(now), SQLiteValue(scopeAgencyID)]) { row in
                let agency = try row.int(at: 0)
                guard var counts = result[agency] else { return }
                let overdue = try row.int(at: 1)
                counts.inProgressOverdue += overdue
                counts.inProgressWithin -= overdue
                result[agency] = counts
            }
            try addRatings(to: &result, from: "0000", to: now, scopeAgencyID: scopeAgencyID, agencyIDs: agencyIDs,
                           on: connection)
            return result.values.sorted { $0.agencyID < $1.agencyID }
        }
    }
}
