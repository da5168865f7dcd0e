import Testing
import TestSupport
@testable import IncidentStore

/// The incident store backends that behaviour tests run against: SQLite always, PostgreSQL
/// when it is installed (`PostgresTestServer.isInstalled` prints a loud warning when not).
enum StoreBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    /// The backends of this machine.
    static var tested: [StoreBackend] { PostgresTestServer.isInstalled ? allCases : [.sqlite] }

    var testDescription: String { rawValue }

    /// A new empty store of this backend (a temporary file, or a new database of the test
    /// server); `close` it when done.
    func makeStore() async throws -> any IncidentStoring {
        switch self {
        case .sqlite: return try SQLiteIncidentStore(path: try SQLiteTestSupport.tempDatabase())
        case .postgres:
            let server = try PostgresTestServer.server()
            return try await PostgresIncidentStore.open(server.url(try server.createDatabase()))
        }
    }
}

extension IncidentStoring {
    /// Shuts a PostgreSQL store's connection pool down; nothing to do for SQLite.
    func close() async {
        if let pg = self as? PostgresIncidentStore { await pg.shutdown() }
    }
}
