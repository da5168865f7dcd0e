import PostgresNIO

extension PostgresIncidentStore {
    /// What went wrong with the PostgreSQL store, in words fit for a message.
    public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The connection URL cannot be used (the URL without its password, why).
        case invalidURL(String, String)
        /// The server cannot be reached or refused the login (where, what happened).
        case connectionFailed(String, String)
        /// The server has no PostGIS to install into the database (the server's message).
        case postgisMissing(String)
        /// The server refused a statement (what the store was doing, SQLSTATE, message, detail).
        case server(String, sqlState: String, message: String)
        /// The database was written by a newer BorderMap (its schema version, ours).
        case newerSchema(found: Int, supported: Int)
        /// The store has been shut down.
        case closed

        /// The problem in words.
        public var description: String {
            switch self {
            case .invalidURL(let url, let why): "invalid PostgreSQL URL '\(PostgresURL.redacted(url))': \(why)"
            case .connectionFailed(let place, let what): "cannot connect to PostgreSQL at \(place): \(what)"
            case .postgisMissing(let message):
                "PostGIS is not available on the PostgreSQL server (Debian: apt-get install postgresql-15-postgis-3, "
                    + "then CREATE EXTENSION postgis as a superuser): \(message)"
            case .server(let doing, let state, let message): "PostgreSQL error while \(doing) (SQLSTATE \(state)): \(message)"
            case .newerSchema(let found, let supported):
                "the database has schema version \(found); this BorderMap understands up to \(supported)"
            case .closed: "the PostgreSQL incident store has been shut down"
            }
        }

        /// `error` as a `StoreError` when PostgresNIO threw it (whose own description hides the
        /// server's message), else `error` itself.
        static func wrap(_ error: any Error, doing: String) -> any Error {
            if let t = error as? PostgresTransactionError {
                return wrap(t.closureError ?? t.beginError ?? t.commitError ?? t.rollbackError ?? error, doing: doing)
            }
            guard let e = error as? PSQLError else { return error }
            if let info = e.serverInfo {
                var message = info[.message] ?? "?"
                if let detail = info[.detail] { message += " (\(detail))" }
                if let hint = info[.hint] { message += "; hint: \(hint)" }
                return StoreError.server(doing, sqlState: info[.sqlState] ?? "?", message: message)
            }
            let underlying = e.underlying.map { ": \(String(describing: $0))" } ?? ""
            return StoreError.server(doing, sqlState: "-", message: "\(e.code)\(underlying)")
        }
    }
}
