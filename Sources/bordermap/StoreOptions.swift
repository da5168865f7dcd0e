import ArgumentParser
import Foundation
import IncidentStore

/// `--db FILE | --postgres URL`: which incident store a command reads or writes — an SQLite
/// file (the default, `incidents.sqlite`) or a PostgreSQL + PostGIS database shared by
/// several servers. Without either option, `BORDERMAP_POSTGRES_URL` (when set and not empty)
/// names a PostgreSQL database.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SQLite incident database (default incidents.sqlite; created when missing).", valueName: "file"))
    var db: String?

    @Option(help: ArgumentHelp("""
        A PostgreSQL + PostGIS incident database instead of SQLite: postgres://user[:password]@host[:port]/database, \
        or postgres://user@/database?host=/socket/directory for a Unix socket (default: $\(StoreOptions.environmentVariable) \
        when --db is not given). Give the password in $PGPASSWORD, not in the URL (ps shows command lines).
        """, valueName: "url"))
    var postgres: String?

    @Option(name: .customLong("postgres-password-file"), help: ArgumentHelp(
        "A file whose first line is the PostgreSQL password (readable only by the service's user), instead of $PGPASSWORD.",
        valueName: "file"))
    var postgresPasswordFile: String?

    /// The environment variable that names a PostgreSQL database when no option does.
    static let environmentVariable = "BORDERMAP_POSTGRES_URL"

    /// The PostgreSQL URL in effect: `--postgres`, else the environment variable unless `--db` was given.
    var postgresURL: String? {
        if let postgres { return postgres }
        guard db == nil, let url = ProcessInfo.processInfo.environment[Self.environmentVariable], !url.isEmpty else { return nil }
        return url
    }

    /// The SQLite file in effect.
    var path: String { db ?? "incidents.sqlite" }

    /// Whether the user named a store (`--db`, `--postgres` or the environment variable).
    var isGiven: Bool { db != nil || postgresURL != nil }

    /// The store for messages (a URL without its password, or the file).
    var label: String { postgresURL.map { (try? PostgresURL($0).description) ?? PostgresURL.redacted($0) } ?? path }

    func validate() throws {
        if db != nil, postgres != nil {
            throw ValidationError("--db and --postgres cannot be used together: the incidents are either in an SQLite file or in PostgreSQL")
        }
        if let url = postgresURL {
            do { _ = try PostgresURL(url, environment: [:]) } catch { throw ValidationError("\(error)") }
        }
        if let postgres, Self.holdsPassword(postgres) {
            Terminal.error("warning: the --postgres URL holds a password, which `ps` shows to every user of this machine; "
                           + "leave it out and set \(PostgresURL.passwordVariable) instead")
        }
    }

    /// Whether `url` carries a password itself (`user:password@` or `password=`).
    static func holdsPassword(_ url: String) -> Bool { PostgresURL.redacted(url) != url }

    /// Opens the store, creating or migrating its schema; a PostgreSQL store is connected and
    /// ready when this returns. Call `closeStore` when done.
    /// - Throws: the store's error (unreachable server, refused login, no PostGIS, bad file).
    func open() throws -> any IncidentStoring {
        if let url = postgresURL {
            try exportPasswordFile()
            return try runBlocking { try await PostgresIncidentStore.open(url) }
        }
        return try SQLiteIncidentStore(path: path)
    }
}

extension StoreOptions {
    /// Puts the first line of `--postgres-password-file` into `PGPASSWORD`, where `PostgresURL`
    /// takes a password the URL lacks (so it never appears on a command line or in a URL).
    /// - Throws: `ValidationError` when the file cannot be read or its first line is empty.
    func exportPasswordFile() throws {
        guard let file = postgresPasswordFile else { return }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ValidationError("--postgres-password-file \(file) cannot be read")
        }
        let password = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        guard !password.isEmpty else { throw ValidationError("--postgres-password-file \(file): the first line is empty") }
        setenv(PostgresURL.passwordVariable, password, 1)
    }
}

/// Closes a PostgreSQL store's connections politely before the command exits (nothing to do
/// for SQLite).
func closeStore(_ store: any IncidentStoring) {
    guard let pg = store as? PostgresIncidentStore else { return }
    _ = try? runBlocking { await pg.shutdown() }
}
