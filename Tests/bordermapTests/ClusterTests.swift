import Foundation
import TestSupport
import Testing

/// Three `bordermap serve` processes on one PostgreSQL database behind nginx
/// (`Benchmarks/cluster.sh check`, what `make cluster` starts, with the test build): a write
/// through the balancer reaches every server, `kill -9` of one server while wrk loads the
/// balancer costs clients no failed request, and the restarted server serves the same data
/// version and tile ETags as the others.
@Suite(.serialized, .enabled(if: PostgresTestServer.isInstalled, "needs postgresql-15 and postgresql-15-postgis-3 (see the warning printed)"))
struct ClusterTests {
    @Test func writesReachEveryServerAndAKilledServerCostsClientsNothing() async throws {
        let work = try Tool.temporaryDirectory("bordermap-cluster").path
        let r = try await Tool.runOffPool(["bash", "Benchmarks/cluster.sh", "check"], in: CommandLineTests.repo.path,
                                          environment: ["BORDERMAP_BIN": CommandLineTests.binary, "CLUSTER_WORK": work, "WRK_SECONDS": "6"])
        #expect(r.status == 0, "\(r.output)\n\(r.stderr)")
        var checks: [String: Int] = [:]
        for line in r.output.split(separator: "\n") where line.hasPrefix("CHECK ") {
            let pair = line.dropFirst(6).split(separator: "=", maxSplits: 1)
            if pair.count == 2, let value = Int(pair[1]) { checks[String(pair[0])] = value }
        }
        #expect(checks["servers"] == 3, "\(r.output)")
        #expect(checks["post_status"] == 201)
        #expect(checks["write_seen"] == 3, "every server's /health shows the database's data version")
        #expect(checks["killed"] == 2)
        #expect((checks["wrk_requests"] ?? 0) > 100, "wrk must really have loaded the balancer")
        #expect(checks["wrk_non2xx"] == 0)
        #expect(checks["wrk_socket_errors"] == 0)
        #expect(checks["post_while_down_status"] == 201)
        #expect(checks["restarted_write_seen"] == 3, "the restarted server knows the write made while it was down")
        #expect(checks["distinct_tile_etags"] == 1, "every server answers the incident tile with the same ETag")
        #expect(checks["balancer_tile_status"] == 200)
    }
}
