import Testing
@testable import IncidentStore

/// The connection URL forms `PostgresIncidentStore` accepts (no server needed).
@Suite struct PostgresURLTests {
    @Test func tcpForms() throws {
        let u = try PostgresURL("postgres://analyst:s%40cret@db.example:6543/incidents")
        #expect(u.host == "db.example" && u.port == 6543 && u.socketDirectory == nil)
        #expect(u.user == "analyst" && u.password == "s@cret" && u.database == "incidents")
        #expect(u.description == "postgres://analyst@db.example:6543/incidents", "no password in messages")
        let d = try PostgresURL("postgresql://bordermap@127.0.0.1", environment: [:])  // no PGPASSWORD
        #expect(d.port == 5432 && d.database == "bordermap" && d.password == nil)
        #expect(try PostgresURL("postgres://127.0.0.1/x").user == "postgres")
    }

    @Test func socketForms() throws {
        let u = try PostgresURL("postgres://postgres@/incidents?host=/run/postgresql")
        #expect(u.host == nil && u.socketPath == "/run/postgresql/.s.PGSQL.5432" && u.database == "incidents")
        let v = try PostgresURL("postgres://postgres@%2Ftmp%2Fpg/incidents?port=5433")
        #expect(v.socketPath == "/tmp/pg/.s.PGSQL.5433")
        let w = try PostgresURL("postgres:///incidents?host=/tmp/&user=me&dbname=other&sslmode=disable")
        #expect(w.socketPath == "/tmp/.s.PGSQL.5432" && w.user == "me" && w.database == "other")
    }

    @Test(arguments: [
        ("mysql://x@y/z", "scheme"), ("postgres://x@/z", "no host"), ("postgres://x@h/a/b", "one database name"),
        ("postgres://x@h/z?sslmode=require", "sslmode=require"), ("postgres://x@h/z?port=99999", "port"),
        ("postgres://x@h/z?color=red", "unknown parameter 'color'"), ("not a url at all", "invalid PostgreSQL URL"),
    ])
    func rejectsWithAReason(_ text: String, _ reason: String) {
        do {
            _ = try PostgresURL(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".contains(reason), "\(error)")
            #expect("\(error)".contains(PostgresURL.redacted(text)), "the URL is quoted, without any password")
        }
    }
}
