import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
@testable import TileServer

/// `POST /incidents` does bounded work: uploads are received and stored a few at a time with a
/// bounded queue (503 with `Retry-After` past it), rows stream into the store, and an upload is
/// still all or nothing.
@Suite struct UploadQueueTests {
    @Test func uploadsPastTheQueueGet503WithRetryAfterAndTheSlotIsFreedAfterwards() async throws {
        let fixture = try await ServerFixture(incidents: 0) {
            $0.concurrentUploads = 1; $0.uploadQueueLimit = 0; $0.stallWindowSeconds = 0; $0.idleTimeoutSeconds = 300
        }
        let result = try SlowClientTests.parse(try await fixture.withLiveServer { _, port in
            try await SlowClientTests.client("""
            import urllib.request
            def post(body):
                req = urllib.request.Request("http://127.0.0.1:%d/incidents" % PORT, data=body, method="POST",
                    headers={"Authorization": "Bearer \(ServerFixture.writeToken)", "Content-Type": "text/csv"})
                try:
                    with urllib.request.urlopen(req, timeout=60) as r:
                        return r.status, r.headers.get("Retry-After")
                except urllib.error.HTTPError as e:
                    return e.code, e.headers.get("Retry-After")
            row = b"date,lat,lon\\n2025-01-02,39.9,71.7\\n"
            def holder():
                # An upload that takes the only slot and keeps it: its body is half sent.
                s = connect()
                s.sendall(b"POST /incidents HTTP/1.1\\r\\nHost: x\\r\\nAuthorization: Bearer \(ServerFixture.writeToken)\\r\\n"
                          b"Content-Type: text/csv\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(row) + row[:13])
                s.setblocking(False)
                return s
            s = holder()
            busy = {}
            probes_stored = [0]
            def refused():
                global s
                busy["status"], busy["retry"] = post(b"date,lat,lon\\n2025-01-03,39.9,71.7\\n")
                if busy["status"] == 201:
                    probes_stored[0] += 1
                    try:
                        if s.recv(4096):  # the probe had the slot first and the holder was refused: again
                            s.close()
                            s = holder()
                    except BlockingIOError:
                        pass
                return busy["status"] == 503
            refused = wait_until(refused, 60)
            s.setblocking(True)
            s.sendall(row[13:])
            s.settimeout(60)
            first = s.recv(4096).split(b" ")[1].decode()
            after = post(b"date,lat,lon\\n2025-01-04,39.9,71.7\\n")[0]
            out(refused=refused, busy=busy, first=first, after=after, probes_stored=probes_stored[0])
            """, port: port)
        })
        #expect(result["refused"] as? Bool == true, "\(result)")
        let busy = result["busy"] as? [String: Any] ?? [:]
        #expect(busy["retry"] as? String == "2", "\(busy)")
        #expect(result["first"] as? String == "201", "\(result)")
        #expect(result["after"] as? Int == 201, "\(result)")
        // The holder's row, the one after, and those of probes that got the slot before the holder did.
        let probes = try #require(result["probes_stored"] as? Int)
        #expect(try await fixture.store.count(matching: .all) == 2 + probes)
    }

    @Test func aBrokenCSVAfterGoodRowsStoresNothing() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        // 3,000 good rows, then a quote that never closes: the reader fails after the store
        // has been handed the good rows, and the transaction is rolled back.
        var text = "date,lat,lon,category\n"
        for i in 0..<3_000 { text += "2025-01-\(String(format: "%02d", 1 + i % 28)),39.9,71.\(i % 10),seizure \(i)\n" }
        text += "2025-02-01,39.9,71.7,\"never closed\n"
        let auth: HTTPFields = [.authorization: "Bearer \(ServerFixture.writeToken)", .contentType: "text/csv"]
        let csv = text
        try await fixture.withRouter { client in
            let r = try await client.execute(uri: "/incidents", method: .post, headers: auth, body: ByteBuffer(string: csv))
            #expect(r.status == .unprocessableContent, "\(r.text)")
            #expect(r.text.contains("unreadable CSV"), "\(r.text)")
        }
        #expect(try await fixture.store.count(matching: .all) == 0)
    }

    @Test func goodAndRejectedRowsOfAGeoJSONUploadAreCountedByNumber() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        let features = (0..<5).map { i in
            i == 3
                ? #"{"type":"Feature","geometry":{"type":"Point","coordinates":[71.7,39.9]},"properties":{"date":"not a date"}}"#
                : #"{"type":"Feature","geometry":{"type":"Point","coordinates":[71.\#(i),39.9]},"properties":{"date":"2025-01-0\#(i + 1)"}}"#
        }
        let body = #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
        let auth: HTTPFields = [.authorization: "Bearer \(ServerFixture.writeToken)", .contentType: "application/geo+json"]
        try await fixture.withRouter { client in
            let r = try await client.execute(uri: "/incidents", method: .post, headers: auth, body: ByteBuffer(string: body))
            #expect(r.status == .created, "\(r.text)")
            let json = try r.json()
            #expect(json["received"] as? Int == 5 && json["stored"] as? Int == 4 && json["rejected"] as? Int == 1, "\(json)")
            let rows = (json["rejections"] as? [[String: Any]])?.compactMap { $0["row"] as? Int }
            #expect(rows == [4], "\(json)")
        }
        #expect(try await fixture.store.count(matching: .all) == 4)
    }
}
