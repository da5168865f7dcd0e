import Foundation
import Hummingbird
import HummingbirdTesting
import IncidentStore
import TestSupport
import Testing
@testable import TileServer

/// `POST /incidents` while another process (the sqlite3 shell) holds the incident database's
/// write lock past the store's busy timeout: 503 with `Retry-After`, not 500, and nothing
/// stored; once the lock is gone the same upload is 201.
@Suite struct IncidentUploadBusyTests {
    @Test func anUploadThatMeetsALockedDatabaseIs503WithRetryAfter() async throws {
        let dir = try Tool.temporaryDirectory("bordermap-busy")
        let styles = dir.appendingPathComponent("styles")
        try FileManager.default.createDirectory(at: styles, withIntermediateDirectories: true)
        try ServerFixture.writeStyles(to: styles)
        let path = dir.appendingPathComponent("incidents.sqlite").path
        let store = try SQLiteIncidentStore(path: path, busyTimeoutSeconds: 0.3)
        var config = ServerConfiguration(stylesDirectory: styles, dataDirectory: ServerFixture.data)
        config.port = 0
        config.writeTokens = [ServerFixture.writeToken]
        let server = try await TileServer(configuration: config, store: store)
        let csv = "date,lat,lon,category\n2025-05-05,41.3,69.2,seizure\n"
        let headers: HTTPFields = [.authorization: "Bearer \(ServerFixture.writeToken)", .contentType: "text/csv"]
        try await server.application().test(.router) { client in
            let holder = try SQLiteLockHolder(database: path)
            let busy = try await client.execute(uri: "/incidents", method: .post, headers: headers, body: ByteBuffer(string: csv))
            holder.release()
            #expect(busy.status == .serviceUnavailable, "\(busy.status) \(busy.text)")
            #expect(busy.headers[.retryAfter] == "5")
            let body = try busy.json()
            #expect(body["error"] as? String == "store busy", "\(busy.text)")
            #expect((body["detail"] as? String)?.contains("try again later") == true, "\(busy.text)")
            let stored = try await Tool.runOffPool(["sqlite3", path, "SELECT count(*) FROM incidents"])
            #expect(stored.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
            let again = try await client.execute(uri: "/incidents", method: .post, headers: headers, body: ByteBuffer(string: csv))
            #expect(again.status == .created, "\(again.text)")
        }
    }
}
