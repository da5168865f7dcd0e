import Testing
@testable import IncidentStore

/// Passwords never reach messages, and `PGPASSWORD` supplies one kept off the command line.
@Suite struct PostgresURLSecretTests {
    @Test(arguments: [
        ("postgres://analyst:hunter2@db.example:6543/incidents?color=red", "unknown parameter 'color'"),
        ("postgres://analyst:hunter2@db.example/a/b", "one database name"),
        ("mysql://analyst:hunter2@db.example/x", "scheme"),
        ("postgres://analyst@db.example/x?password=hunter2&sslmode=require", "sslmode=require"),
        ("postgres://analyst@db.example/x?PASSWORD=hunter2&port=0", "unknown parameter 'PASSWORD'"),
        ("postgres://analyst:hun/ter2@db.example/x?sslmode=verify", "invalid PostgreSQL URL"),
        ("host=db.example password=hunter2 dbname=x", "invalid PostgreSQL URL"),
    ])
    func errorsNeverShowThePassword(_ text: String, _ reason: String) {
        do {
            _ = try PostgresURL(text, environment: [:])
            Issue.record("accepted \(text)")
        } catch {
            let message = "\(error)"
            #expect(message.contains(reason), "\(message)")
            #expect(!message.contains("hunter2") && !message.contains("ter2"), "\(message)")
            #expect(message.contains("***"), "\(message)")
        }
    }

    @Test func redactionKeepsEverythingButThePassword() {
        #expect(PostgresURL.redacted("postgres://u:p%40ss@h:5432/d?sslmode=disable") == "postgres://u:***@h:5432/d?sslmode=disable")
        #expect(PostgresURL.redacted("postgres://u@h/d?password=x&port=5") == "postgres://u@h/d?password=***&port=5")
        #expect(PostgresURL.redacted("postgres://u@h/d") == "postgres://u@h/d")
        #expect(PostgresURL.redacted("postgres://h:5432/d?x=a@b") == "postgres://h:5432/d?x=a@b")
        #expect(PostgresURL.redacted("postgres://u:a:b@c@h/d") == "postgres://u:***@h/d")
        // The error value itself redacts, whoever built it.
        #expect(!"\(PostgresIncidentStore.StoreError.invalidURL("postgres://u:pw@h/d", "why"))".contains("pw@"))
    }

    @Test func pgpasswordSuppliesAPasswordTheURLLacks() throws {
        let fromEnvironment = try PostgresURL("postgres://analyst@db.example/incidents", environment: ["PGPASSWORD": "s3cret"])
        #expect(fromEnvironment.password == "s3cret")
        #expect(!fromEnvironment.description.contains("s3cret"))
        let inURL = try PostgresURL("postgres://analyst:own@db.example/incidents", environment: ["PGPASSWORD": "s3cret"])
        #expect(inURL.password == "own", "a password in the URL wins, as in libpq")
        #expect(try PostgresURL("postgres://analyst@db.example/incidents", environment: ["PGPASSWORD": ""]).password == nil)
        #expect(try PostgresURL("postgres://analyst@db.example/incidents", environment: [:]).password == nil)
    }
}
