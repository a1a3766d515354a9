import Storage

extension Database {
    /// What `PRAGMA quick_check` reports (`["ok"]` when all is well), run on the writer: a
    /// read-only connection's quick_check skips CHECK constraints (SQLite 3.40), which the bulk
    /// load and the schema tests rely on it to evaluate.
    public func quickCheck() throws -> [String] {
        try writeInOwnTransaction { try $0.query("PRAGMA quick_check").map { try $0.string("quick_check") } }
    }
}
