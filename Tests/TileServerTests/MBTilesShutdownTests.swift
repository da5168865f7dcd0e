import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
@testable import TileServer

/// `serve` hands its MBTiles tile cache back as one self-contained file: after a graceful
/// shutdown the file is in rollback (DELETE) journal mode with no -wal or -shm file beside it,
/// as the sqlite3 shell (not our code) reads it.
@Suite struct MBTilesShutdownTests {
    @Test func afterAGracefulShutdownTheCacheFileUsesARollbackJournalAndHasNoWALFile() async throws {
        let dir = try Tool.temporaryDirectory("bordermap-mbtiles-shutdown")
        let file = dir.appendingPathComponent("cache.mbtiles").path
        let fixture = try await ServerFixture(incidents: 0) { $0.mbtilesPath = file }
        let duringRun = try await fixture.withLiveServer { client, _ in
            #expect(try await client.execute(uri: "/tiles/basemap/4/11/6.png", method: .get).status == .ok)
            // While serving: WAL, so that tiles are read while one is written.
            return try await Tool.runOffPool(["sqlite3", file, "PRAGMA journal_mode"]).output
        }
        #expect(duringRun.trimmingCharacters(in: .whitespacesAndNewlines) == "wal", "the server uses WAL while it runs")
        // Checked before any other program opens the file.
        for suffix in ["-wal", "-shm"] {
            #expect(!FileManager.default.fileExists(atPath: file + suffix), "\(file + suffix) is left behind")
        }
        let mode = try await Tool.runOffPool(["sqlite3", file, "PRAGMA journal_mode"])
        #expect(mode.output.trimmingCharacters(in: .whitespacesAndNewlines) == "delete", "\(mode.output) \(mode.stderr)")
        let count = try await Tool.runOffPool(["sqlite3", file, "SELECT count(*) FROM map"])
        #expect(count.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "the rendered tile is in the file itself")
    }
}
