import CSQLite

/// One SQLite connection, used only on its own serial queue.
///
/// Connections are made by `Database` and lent to `read`/`write` closures; they never escape
/// those closures. Every method checks, through `QueueWatchdog`, that it runs on the owning
/// queue. Statements used through `run`, `query`, `queryOne` and `forEach` come from the
/// per-connection statement cache and are reset after use, so no read stays open.
public final class Connection {
    let handle: OpaquePointer
    let watchdog: QueueWatchdog
    /// Whether this is a read-only (reader pool) connection.
    public let isReadOnly: Bool
    private var cache = StatementCache()
    /// Prepared statements held in the cache (for tests).
    var cachedStatementCount: Int { cache.count }
    private var isClosed = false
    var savepointDepth = 0
    /// What the WAL hook's context points to (`WALCheckpointer.attach`), kept alive as long as
    /// the handle can call the hook.
    var walHookOwner: AnyObject?

    /// Opens `path` and applies the setup steps of `Connection+Setup.swift`, in order.
    ///
    /// Must be called on `watchdog.queue`. If opening fails the handle is still closed.
    init(path: String, readOnly: Bool, watchdog: QueueWatchdog) throws {
        watchdog.check()
        // https://www.sqlite.org/c3ref/open.html: NOMUTEX because each connection has one queue;
        // EXRESCODE so every call returns extended result codes.
        let access = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let flags = access | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        var opened: OpaquePointer?
        let result = sqlite3_open_v2(path, &opened, flags, nil)
        guard result == SQLITE_OK, let opened else {
            let error = SQLiteError(resultCode: result, handle: opened, sql: nil)
            // "Whether or not an error occurs when it is opened, resources associated with the
            // database connection handle should be released by passing it to sqlite3_close()."
            sqlite3_close_v2(opened)
            throw error
        }
        self.handle = opened
        self.watchdog = watchdog
        self.isReadOnly = readOnly
        // On failure `deinit` closes the handle.
        try configure()
    }

    deinit {
        closeHandle()
    }

    /// Finalizes cached statements and closes the handle; the connection is unusable afterwards.
    func close() {
        watchdog.check()
        closeHandle()
    }

    /// Traps off the owning queue; throws once the connection is closed, so a closed handle
    /// is never passed to SQLite.
    func checkOpen() throws {
        watchdog.check()
        if isClosed { throw SQLiteError.databaseClosed }
    }

    private func closeHandle() {
        guard !isClosed else { return }
        isClosed = true
        cache.removeAll()
        // close_v2 defers the close until statements still held elsewhere are finalized.
        sqlite3_close_v2(handle)
    }

    // MARK: - Statements

    /// Runs one or more `;`-separated statements without parameters (`sqlite3_exec`).
    public func execute(_ sql: String) throws {
        try checkOpen()
        var message: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard result == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(result))
            throw SQLiteError(extendedCode: result, message: text, sql: sql)
        }
    }

    /// The cached prepared statement for `sql` (exactly one statement), preparing it on first use.
    ///
    /// The statement is shared with the cache: finish with it before running the same SQL
    /// through `run` or `query`, which would reset and rebind it.
    public func prepare(_ sql: String) throws -> Statement {
        try checkOpen()
        return try cache.statement(for: sql) { persistent in
            try Statement(connectionHandle: handle, sql: sql, persistent: persistent, watchdog: watchdog)
        }
    }

    /// Runs a statement that returns no rows of interest (see `changes`, `lastInsertRowID`).
    public func run(_ sql: String, _ bindings: [SQLiteValue] = []) throws {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(bindings)
        try statement.execute()
    }

    /// `run` with named parameters (":name", "@name" or "$name").
    public func run(_ sql: String, named bindings: [String: SQLiteValue]) throws {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(named: bindings)
        try statement.execute()
    }

    /// All result rows of a query.
    public func query(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> [Row] {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(bindings)
        return try collect(statement)
    }

    /// `query` with named parameters.
    public func query(_ sql: String, named bindings: [String: SQLiteValue]) throws -> [Row] {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(named: bindings)
        return try collect(statement)
    }

    /// The first result row, or nil; further rows are not computed.
    public func queryOne(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> Row? {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(bindings)
        return try statement.step() ? statement.currentRow() : nil
    }

    /// Streams the result rows through `body` without collecting them.
    ///
    /// The cursor reads the current row in place; throwing from `body` stops the loop.
    public func forEach(
        _ sql: String, _ bindings: [SQLiteValue] = [], _ body: (borrowing RowCursor) throws -> Void
    ) throws {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(bindings)
        let cursor = RowCursor(statement: statement)
        while try statement.step() {
            try body(cursor)
        }
    }

    private func collect(_ statement: Statement) throws -> [Row] {
        var rows: [Row] = []
        while try statement.step() {
            rows.append(statement.currentRow())
        }
        return rows
    }

    // MARK: - State

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 {
        watchdog.check()
        precondition(!isClosed, "connection used after close")
        return sqlite3_last_insert_rowid(handle)
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int {
        watchdog.check()
        precondition(!isClosed, "connection used after close")
        return Int(sqlite3_changes64(handle))
    }

    /// Whether a transaction is open (SQLite is not in autocommit mode).
    public var isInTransaction: Bool {
        watchdog.check()
        return !isClosed && sqlite3_get_autocommit(handle) == 0
    }
}

// A connection belongs to its queue (see `QueueWatchdog`), like GRDB's `Database`.
@available(*, unavailable)
extension Connection: Sendable {}
