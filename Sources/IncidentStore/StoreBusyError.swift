/// A write that waited for another writer longer than the store allows and gave up: nothing of
/// it was stored, and trying again later is the remedy (the HTTP server answers 503 with
/// `Retry-After`).
///
/// - SQLite: the database file stayed locked (`SQLITE_BUSY`) past the store's busy timeout
///   (`SQLiteIncidentStore(path:busyTimeoutSeconds:)`, default 30 s), e.g. while another
///   process held a write transaction.
/// - PostgreSQL: waiting for the writers' advisory lock (or a row lock) outlasted the
///   transaction's `lock_timeout` (`PostgresIncidentStore(url:lockTimeoutSeconds:)`, default
///   30 s; SQLSTATE 55P03 `lock_not_available`).
public struct StoreBusyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// "SQLite" or "PostgreSQL".
    public var backend: String
    /// How long the write waited, seconds (the store's timeout).
    public var waitedSeconds: Double
    /// The database's own words.
    public var message: String

    public init(backend: String, waitedSeconds: Double, message: String) {
        self.backend = backend
        self.waitedSeconds = waitedSeconds
        self.message = message
    }

    /// What happened and what to do.
    public var description: String {
        let seconds = waitedSeconds == waitedSeconds.rounded() ? "\(Int(waitedSeconds))" : "\(waitedSeconds)"
        return "the \(backend) incident database is busy: another writer held it for more than \(seconds) s "
            + "(\(message)); nothing was stored, try again later"
    }
}
