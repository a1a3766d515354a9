/// One connection's prepared statements, keyed by SQL text.
///
/// Statements are prepared with SQLITE_PREPARE_PERSISTENT and reused. A statement whose last
/// bind or step failed is replaced on its next use, as GRDB's `StatementCache` evicts failed
/// statements; one still being stepped (e.g. the same query nested inside its own loop) is
/// not shared: the caller gets a fresh, uncached statement. SQL built at run time (an
/// `IN (?, ?, …)` list, an UPDATE of the changed columns) makes a few variants each; past
/// `limit` statements the cache starts over, so it never grows without bound.
struct StatementCache {
    private var statements: [String: Statement] = [:]
    let limit: Int

    init(limit: Int = 512) {
        self.limit = max(1, limit)
    }

    /// The number of cached statements.
    var count: Int { statements.count }

    /// The cached statement for `sql`, or a newly prepared one.
    mutating func statement(for sql: String, make: (_ persistent: Bool) throws -> Statement) throws -> Statement {
        if let cached = statements[sql] {
            if cached.isBusy { return try make(false) }
            if !cached.hasFailed { return cached }
            statements[sql] = nil
        }
        let statement = try make(true)
        // Dropping a statement still in use only drops the cache's reference to it.
        if statements.count >= limit { statements.removeAll() }
        statements[sql] = statement
        return statement
    }

    /// Finalizes every cached statement (their `deinit` runs once nothing else holds them).
    mutating func removeAll() {
        statements.removeAll()
    }
}
