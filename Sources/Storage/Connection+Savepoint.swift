import CSQLite

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
            do {
                try run("RELEASE \(name)")
            } catch let error as SQLiteError where error.code == SQLITE_BUSY {
                // "SQL statements in progress": a statement `body` left part-way (`prepare`
                // and one `step` of a RETURNING insert). Its work is done once `body`
                // returned, as `run` and `query` treat theirs; looked for only here, so that
                // a normal write does not walk every statement of the connection.
                resetStatementsInProgress()
                try run("RELEASE \(name)")
            }
        } catch {
            rollBack(to: name)
            throw error
        }
        return value
    }

    /// Undoes everything since SAVEPOINT `name` and removes it.
    ///
    /// If SQLite already rolled the whole transaction back (SQLITE_FULL, SQLITE_IOERR, …:
    /// https://www.sqlite.org/lang_transaction.html "Response To Errors Within A Transaction"),
    /// the savepoint no longer exists and these statements fail; the caller's original error
    /// is the one that matters. If they fail with the transaction still open, part of what
    /// failed would stay in it and be committed with the rest of a batch: the whole
    /// transaction is rolled back instead, which the group-commit writer sees and reports to
    /// every write in it (none of them is committed).
    func rollBack(to name: String) {
        do {
            resetStatementsInProgress()
            try run("ROLLBACK TO \(name)")
            try run("RELEASE \(name)")
        } catch {
            rollBackTransaction()
        }
    }

    /// Resets every statement of this connection that has started and not finished.
    func resetStatementsInProgress() {
        var statement = sqlite3_next_stmt(handle, nil)
        while let current = statement {
            if sqlite3_stmt_busy(current) != 0 { sqlite3_reset(current) }
            statement = sqlite3_next_stmt(handle, current)
        }
    }

    /// Runs `body` in `BEGIN IMMEDIATE … COMMIT`, rolling back if it or the COMMIT throws.
    func immediateTransaction<T>(_ body: () throws -> T) throws -> T {
        try beginFresh("BEGIN IMMEDIATE")
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
        // Pending statements would make ROLLBACK fail in older SQLite; a failed ROLLBACK leaves
        // nothing better to do here (the caller reports the original error, and the next
        // transaction on this connection ends this one first: `beginFresh`).
        resetStatementsInProgress()
        try? run("ROLLBACK")
    }

    /// Runs `begin` (a BEGIN statement) after ending a transaction that an earlier failure
    /// left open on this connection, which would otherwise make every later BEGIN fail and,
    /// on a reader, hold its snapshot and keep checkpoints from finishing.
    func beginFresh(_ begin: String) throws {
        if isInTransaction { rollBackTransaction() }
        try run(begin)
    }
}
