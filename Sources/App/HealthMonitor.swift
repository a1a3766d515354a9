import Foundation
import HTTP
import Storage

/// Answers "can the server read its database?" for `/healthz` without a query per request:
/// the last result is reused for a quarter of a second, then checked again with `SELECT 1`.
final class HealthMonitor: Sendable {
    private let database: Database
    private let state = Locked<(healthy: Bool, checkedAt: UInt64)>((false, 0))
    private static let reuseNanoseconds: UInt64 = 250_000_000

    init(database: Database) { self.database = database }

    var isHealthy: Bool {
        let now = DispatchTime.now().uptimeNanoseconds
        let cached = state.withLock { $0 }
        if cached.checkedAt != 0, now &- cached.checkedAt < Self.reuseNanoseconds { return cached.healthy }
        let healthy = (try? database.read { try $0.queryOne("SELECT 1 AS ok") } != nil) ?? false
        state.withLock { $0 = (healthy, now) }
        return healthy
    }
}
