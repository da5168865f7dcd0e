import Foundation
import PostgresNIO

/// Where a PostgreSQL incident database is: a libpq-style connection URL taken apart.
///
/// Accepted forms (`postgresql://` works as well as `postgres://`):
/// - `postgres://user[:password]@host[:port]/database` — TCP, port 5432 by default;
///   user, password and database are percent-decoded.
/// - `postgres://user@/database?host=/run/postgresql[&port=5433]` — a Unix-domain socket in
///   that directory (`/run/postgresql/.s.PGSQL.5433`), as libpq spells it. A host part that
///   decodes to an absolute path (`postgres://user@%2Frun%2Fpostgresql/db`) means the same.
/// - Query parameters: `host`, `port`, `user`, `password`, `dbname` override the URL's parts;
///   `sslmode=disable` (the only mode supported: connections are not encrypted, so use a
///   socket or a trusted network); `application_name` is ignored.
///
/// The user defaults to `postgres` and the database to the user's name, as in libpq.
///
/// Passwords: a URL on a command line is visible to every user of the machine (`ps`), so leave
/// the password out of it and set the `PGPASSWORD` environment variable (libpq's name; a
/// process's environment is readable only by its owner and root). A password in the URL or
/// `?password=` wins over `PGPASSWORD`. No message, error or log line shows a password:
/// `description` leaves it out and errors quote the URL through `redacted(_:)`.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// The server's host name or address (TCP), or nil for a socket.
    public var host: String?
    /// TCP port, or the number in the socket file's name.
    public var port: Int
    /// The directory holding the server's socket file, or nil for TCP.
    public var socketDirectory: String?
    public var user: String
    public var password: String?
    public var database: String

    /// The environment variable holding the password when the URL has none (as for libpq).
    public static let passwordVariable = "PGPASSWORD"

    /// Parses `text`; the password, when the URL has none, comes from `PGPASSWORD` in
    /// `environment` (the process's environment by default).
    /// - Throws: `PostgresIncidentStore.StoreError.invalidURL` saying what is wrong, quoting
    ///   the URL without its password.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func bad(_ why: String) -> PostgresIncidentStore.StoreError { .invalidURL(Self.redacted(text), why) }
        guard let components = URLComponents(string: text) else { throw bad("not a URL") }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw bad("the scheme must be postgres:// or postgresql://")
        }
        var host = components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        var port = components.port ?? 5432
        var user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        var password = components.password
        var database = String(components.path.drop { $0 == "/" })
        if database.contains("/") { throw bad("the path must be one database name, not '\(components.path)'") }
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "host": host = value
            case "port":
                guard let p = Int(value), (1...65535).contains(p) else { throw bad("port '\(value)' is not a number in 1...65535") }
                port = p
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            case "sslmode":
                guard value == "disable" else { throw bad("sslmode=\(value) is not supported (only sslmode=disable: use a socket or a trusted network)") }
            case "application_name": break
            default: throw bad("unknown parameter '\(item.name)'")
            }
        }
        if database.isEmpty { database = user }
        if password == nil, let p = environment[Self.passwordVariable], !p.isEmpty { password = p }
        if host.hasPrefix("/") {
            self.host = nil
            self.socketDirectory = host
        } else {
            if host.isEmpty { throw bad("no host (give host[:port] or ?host=/socket/directory)") }
            self.host = host
            self.socketDirectory = nil
        }
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    /// `text` with every password replaced by `***`: the one after `user:` before the last `@`
    /// of the part before any `?` (also when the URL is malformed), and the values of
    /// `password=` (query parameters or `key=value` words). For messages about URLs that may
    /// not parse.
    public static func redacted(_ text: String) -> String {
        var out = text
        if let schemeEnd = out.range(of: "://") {
            let rest = out[schemeEnd.upperBound...]
            let beforeQuery = rest[..<(rest.firstIndex(of: "?") ?? rest.endIndex)]
            if let at = beforeQuery.lastIndex(of: "@"), let colon = beforeQuery[..<at].firstIndex(of: ":") {
                out.replaceSubrange(out.index(after: colon)..<at, with: "***")
            }
        }
        var result = ""
        var rest = Substring(out)
        while let r = rest.range(of: "password=", options: .caseInsensitive) {
            result += rest[..<r.upperBound] + "***"
            rest = rest[r.upperBound...].drop { !"&# \t\n;".contains($0) }
        }
        return result + rest
    }

    /// The socket file, for a socket URL.
    public var socketPath: String? {
        socketDirectory.map { ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + "/.s.PGSQL.\(port)" }
    }

    /// The URL without its password, for messages.
    public var description: String {
        if let socketDirectory { return "postgres://\(user)@/\(database)?host=\(socketDirectory)&port=\(port)" }
        return "postgres://\(user)@\(host ?? ""):\(port)/\(database)"
    }

    /// Settings of one connection.
    var connectionConfiguration: PostgresConnection.Configuration {
        if let socketPath {
            return .init(unixSocketPath: socketPath, username: user, password: password, database: database)
        }
        return .init(host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: .disable)
    }

    /// Settings of a connection pool.
    var clientConfiguration: PostgresClient.Configuration {
        if let socketPath {
            return .init(unixSocketPath: socketPath, username: user, password: password, database: database)
        }
        return .init(host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: .disable)
    }
}
