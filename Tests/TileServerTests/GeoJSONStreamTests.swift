import Foundation
import TestSupport
import Testing
@testable import TileServer

/// `/geojson/incidents` reads the store only as fast as the client takes the text, and stops
/// reading when the client leaves. The client is a Python socket; the server's own counters
/// (`bordermap_geojson_incidents_read_total`, `bordermap_geojson_streams_total`) say how much
/// it read and how each download ended.
@Suite struct GeoJSONStreamTests {
    static let total = 200_000

    @Test func aClientThatStopsReadingHoldsTheQueryAndOneThatLeavesStopsIt() async throws {
        // The slow-client guard is off: only the client's own close may end the download.
        let fixture = try await ServerFixture(incidents: Self.total) { $0.stallWindowSeconds = 0; $0.idleTimeoutSeconds = 300 }
        let result = try SlowClientTests.parse(try await fixture.withLiveServer { _, port in
            try await SlowClientTests.client("""
            def metric(name):
                for line in get("/metrics")[2].decode().splitlines():
                    if line.startswith(name + " "):
                        return int(line.split()[1])
                return -1
            read = lambda: metric("bordermap_geojson_incidents_read_total")
            aborted = lambda: metric('bordermap_geojson_streams_total{result="aborted"}')
            complete = lambda: metric('bordermap_geojson_streams_total{result="complete"}')
            s = connect(rcvbuf=4096)
            s.sendall(b"GET /geojson/incidents HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
            s.settimeout(30)
            head = b""
            while len(head) < 8192:
                head += s.recv(8192 - len(head))
            # The client reads nothing more: the server fills the socket buffers, then waits.
            last = [-2]
            def settled():
                now = read()
                same = now == last[0]
                last[0] = now
                time.sleep(0.5)
                return same and now > 0
            wait_until(settled, 60)
            held = read()
            s.close()
            ended = wait_until(lambda: aborted() >= 1, 60)
            after = read()
            health = get("/health")[0]
            status, _, body = get("/geojson/incidents?from=2024-06-01&to=2024-06-08")
            features = len(json.loads(body)["features"]) if status == 200 else -1
            out(start=head[:15].decode(), held=held, ended=ended, after=after, health=health, status=status,
                features=features, complete=complete(), aborted=aborted())
            """, port: port)
        })
        #expect(result["start"] as? String == "HTTP/1.1 200 OK", "\(result)")
        let held = try #require(result["held"] as? Int), after = try #require(result["after"] as? Int)
        // Backpressure: a client that takes 8 KiB holds the store at a few pages (5,000 rows each).
        #expect(held > 0 && held <= 40_000, "read \(held) of \(Self.total) while the client read nothing")
        // The client left: the download ended as aborted, and reading stopped far from the end.
        #expect(result["ended"] as? Bool == true, "\(result)")
        #expect(after <= held + 5_000 && after < Self.total / 4, "read \(after) of \(Self.total) after the client left")
        #expect(result["health"] as? Int == 200)
        #expect(result["status"] as? Int == 200)
        // `to` is a whole day: up to the end of 8 June.
        let week = try await fixture.store.count(matching: .init(from: ISO8601DateFormatter().date(from: "2024-06-01T00:00:00Z"),
                                                                 to: ISO8601DateFormatter().date(from: "2024-06-09T00:00:00Z")))
        #expect(result["features"] as? Int == week && week > 0, "\(result)")
        #expect(result["complete"] as? Int == 1 && result["aborted"] as? Int == 1, "\(result)")
    }
}
