import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TileServer

/// Path segments sent percent-encoded (as schemathesis and other clients send a static map's
/// `W,S,E,N` extent: `66.5%2C38.5%2C73.5%2C42.5`) are answered as their plain form; an encoded
/// `/` or `..` is still no way out of the data folder. Found by the schemathesis run
/// (`OpenAPIConformanceTests`): every static map with an encoded extent was a 400.
@Suite struct PercentEncodedPathTests {
    @Test func encodedSegmentsGetThePlainSegmentsAnswer() async throws {
        let fixture = try await ServerFixture(incidents: 50)
        try await fixture.withRouter { client in
            let pairs = [
                ("/static/basemap/66.5,38.5,73.5,42.5/200x150.png", "/static/basemap/66.5%2C38.5%2C73.5%2C42.5/200x150.png"),
                ("/static/basemap/69,41,5/120x90@2x.png", "/static/basemap/69%2C41%2C5/120x90%402x.png"),
                ("/tiles/situation-room/6/44/23.png", "/tiles/situation%2Droom/6/4%34/%323.png"),
                ("/tiles/basemap.json", "/tiles/basemap%2Ejson"),
                ("/geojson/ca_admin0_disputed_lines?bbox=60,35,80,45", "/geojson/ca%5Fadmin0%5Fdisputed%5Flines?bbox=60,35,80,45"),
            ]
            for (plain, encoded) in pairs {
                let a = try await client.execute(uri: plain, method: .get)
                let b = try await client.execute(uri: encoded, method: .get)
                #expect(a.status == .ok, "\(plain): \(a.status) \(a.text.prefix(200))")
                #expect(b.status == a.status && b.body == a.body, "\(encoded): \(b.status) \(b.text.prefix(200))")
                #expect(b.headers[.eTag] == a.headers[.eTag])
            }
            // Decoding comes before validation: encoded separators and dot segments are refused.
            for path in ["/tiles/%2E%2E%2Fetc/1/1/1.png", "/tiles/..%2F..%2Fetc%2Fpasswd.json",
                         "/geojson/..%2F..%2Fetc%2Fpasswd", "/static/%2E%2E/69,41,5/10x10.png"] {
                let r = try await client.execute(uri: path, method: .get)
                #expect(r.status == .notFound, "\(path): \(r.status) \(r.text.prefix(200))")
            }
            // An invalid escape is left as sent and fails the route's own validation.
            let bad = try await client.execute(uri: "/static/basemap/69%2G41,5/10x10.png", method: .get)
            #expect(bad.status == .badRequest, "\(bad.status) \(bad.text.prefix(200))")
        }
    }
}
