import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Testing
@testable import TileServer

/// The log line format (`LogLineHandler`) and the request log's path redaction (`RequestLog`).
@Suite struct RequestLogTests {
    static let time = Date(timeIntervalSince1970: 1_796_313_001.123)  // 2026-12-03T15:50:01.123Z
    static let request: Logger.Metadata = [
        "request_id": "ab12", "ms": .stringConvertible(8.1), "bytes": .stringConvertible(12_345), "status": .stringConvertible(200),
        "path": "/tiles/report/3/5/2.png?v=1", "method": "GET",
    ]

    @Test func textLinesAreLogfmtWithTheRequestFieldsInReadingOrder() {
        let handler = LogLineHandler(label: "bordermap.serve", format: .text) { _ in }
        let line = handler.line(time: Self.time, level: .info, message: "request", metadata: Self.request)
        #expect(line == "2026-12-03T15:50:01.123Z info request method=GET path=/tiles/report/3/5/2.png?v=1 status=200 bytes=12345 ms=8.1 request_id=ab12\n")
        let quoted = handler.line(time: Self.time, level: .error, message: "store", metadata: ["detail": "disk \"full\" = yes"])
        #expect(quoted == "2026-12-03T15:50:01.123Z error store detail=\"disk \\\"full\\\" = yes\"\n")
    }

    @Test func jsonLinesParseWithNumbersAsNumbers() throws {
        let handler = LogLineHandler(label: "bordermap.serve", format: .json) { _ in }
        let line = handler.line(time: Self.time, level: .info, message: "request", metadata: Self.request)
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["time"] as? String == "2026-12-03T15:50:01.123Z")
        #expect(object["level"] as? String == "info" && object["label"] as? String == "bordermap.serve")
        #expect(object["status"] as? Int == 200 && object["bytes"] as? Int == 12_345 && object["ms"] as? Double == 8.1)
        #expect(object["path"] as? String == "/tiles/report/3/5/2.png?v=1" && object["request_id"] as? String == "ab12")
    }

    @Test func tokenQueryValuesAreRedacted() {
        #expect(RequestLog<Router<BasicRequestContext>>.loggedPath(URI("/?token=s3cret&kiosk=1")) == "/?token=REDACTED&kiosk=1")
        #expect(RequestLog<Router<BasicRequestContext>>.loggedPath(URI("/tiles/a/1/2/3.png?from=2024-01-01")) == "/tiles/a/1/2/3.png?from=2024-01-01")
        #expect(RequestLog<Router<BasicRequestContext>>.loggedPath(URI("/health")) == "/health")
    }
}
