import Foundation
import TestSupport
import Testing
@testable import TileServer

/// The viewer's defences in a real headless Chromium: the page works under its
/// Content-Security-Policy (a blocked load counts as an error on the page), an attribution
/// line holding HTML shows as text, and a protected server is read through `/?token=` and the
/// cookie it sets. Skipped, saying so, only where Chromium is missing.
@Suite(.serialized) struct ViewerSecurityBrowserTests {
    typealias Browser = ViewerBrowserTests

    /// A data folder of links to the repository's shapefiles with its own SOURCES.md.
    static func dataFolder(attribution: String, in dir: URL) throws -> URL {
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: ServerFixture.data.path) where name != "SOURCES.md" {
            try FileManager.default.createSymbolicLink(at: data.appendingPathComponent(name),
                                                       withDestinationURL: ServerFixture.data.appendingPathComponent(name))
        }
        try "# Sources\n\nAttribution line used on maps: \(attribution)\n".write(to: data.appendingPathComponent("SOURCES.md"),
                                                                               atomically: true, encoding: .utf8)
        return data
    }

    @Test(.enabled(if: Browser.chromium != nil, "chromium is not installed: `make setup` installs it; the viewer check did NOT run"))
    func anHTMLAttributionShowsAsTextUnderTheCSP() async throws {
        let dir = try Tool.temporaryDirectory("bordermap-viewer-xss")
        let data = try Self.dataFolder(attribution: "Borders <img src=x onerror=alert(1)> & co", in: dir)
        let fixture = try await ServerFixture(incidents: 200) { $0.dataDirectory = data }
        try await fixture.withLiveServer { _, port in
            let dom = try await Browser.chromium(["--dump-dom"], url: "http://127.0.0.1:\(port)/?style=basemap")
            let status = Browser.status(dom.output)
            #expect(Int(status["tiles-loaded"] ?? "") ?? 0 >= 6, "tiles did not load: \(status) \(dom.stderr.suffix(400))")
            #expect(status["errors"] == "0", "script, console or CSP errors: \(status)")
            #expect(dom.output.contains("Borders &lt;img src=x onerror=alert(1)&gt; &amp; co"), "attribution not shown as text")
            #expect(!dom.output.contains("<img src=\"x\""), "the attribution's HTML became an element")
        }
    }

    @Test(.enabled(if: Browser.chromium != nil, "chromium is not installed: `make setup` installs it; the viewer check did NOT run"))
    func aProtectedServerIsViewedThroughTheTokenCookie() async throws {
        let fixture = try await ServerFixture(incidents: 200) { $0.protectReads = true; $0.readTokens = ["wall-display-5e2"] }
        try await fixture.withLiveServer { _, port in
            let base = "http://127.0.0.1:\(port)"
            let refused = try await Browser.chromium(["--dump-dom"], url: "\(base)/?style=basemap")
            #expect(!refused.output.contains("id=\"map\""), "the page was served without a token")
            let dom = try await Browser.chromium(["--dump-dom"], url: "\(base)/?token=wall-display-5e2&style=basemap")
            let status = Browser.status(dom.output)
            #expect(Int(status["tiles-loaded"] ?? "") ?? 0 >= 6, "tiles did not load: \(status) \(dom.stderr.suffix(400))")
            #expect(status["tile-errors"] == "0" && status["errors"] == "0", "\(status)")
            #expect(status["tile-url"]?.contains("token") == false, "\(status)")
        }
    }
}
