/// Nested transactions (https://www.sqlite.org/lang_savepoint.html).
///
/// Transaction-control statements go through the statement cache: their text depends only on
/// the nesting depth, so each is parsed once per connection.
extension Connection {
    /// Runs `body` inside a SAVEPOINT: released when it returns, rolled back to when it throws.
    ///
    /// Savepoints nest; outside any transaction the outermost one acts as a deferred
    /// BEGIN…COMMIT. The error thrown by `body` is rethrown unchanged.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        watchdog.check()
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "motcua_sp\(savepointDepth)"
        try run("SAVEPOINT \(name)")
        let value: T
        do {
            value = try body()
        } catch {
            rollBack(to: name)
            throw error
        }
        try run("RELEASE \(name)")
        return value
    }

    /// Undoes everything since SAVEPOINT `name` and removes it.
    ///
    /// If SQLite already rolled the whole transaction back (SQLITE_FULL, SQLITE_IOERR, …:
    /// https://www.sqlite.org/lang_transaction.html "Response To Errors Within A Transaction"),
    /// the savepoint no longer exists and these statements fail; the caller's original error
    /// is the one that matters, so those failures are deliberately ignored.
    func rollBack(to name: String) {
        try? run("ROLLBACK TO \(name)")
        try? run("RELEASE \(name)")
    }

    /// Runs `body` in `BEGIN IMMEDIATE … COMMIT`, rolling back if it or the COMMIT throws.
    func immediateTransaction<T>(_ body: () throws -> T) throws -> T {
        try run("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try run("COMMIT")
            return value
        } catch {
            rollBackTransaction()
            throw error
        }
    }

    /// Rolls back the open transaction, if SQLite has not already done so.
    func rollBackTransaction() {
        guard isInTransaction else { return }
        // A failed ROLLBACK leaves nothing better to do; the caller reports the original error.
        try? run("ROLLBACK")
    }
}
