import Foundation
import PNGCodec
import TestSupport
import Testing
@testable import TileServer

/// The viewer page in a real headless Chromium (Debian's `chromium`) against a running server:
/// tiles load, no script or console error occurs, the kiosk mode hides the controls, and the
/// screenshot is a map (not a blank page). Skipped, saying so, only where Chromium is missing.
@Suite(.serialized) struct ViewerBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs headless Chromium on `url` with a virtual-time budget long enough for tiles, one
    /// Chromium at a time across the browser suites (two at once beside the rest of the suite
    /// overran the timeout on a loaded 2-core machine).
    static func chromium(_ arguments: [String], url: String) async throws -> Tool.Result {
        guard let chromium else { throw FixtureError("chromium is not installed (make setup installs it)") }
        await ChromiumGate.shared.acquire()
        defer { Task { await ChromiumGate.shared.release() } }
        return try await Tool.runOffPool(["timeout", "240", chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
                                          "--hide-scrollbars", "--window-size=1280,800", "--virtual-time-budget=20000"]
                                         + arguments + [url])
    }

    /// The data attributes of the page's #status element, from the DOM Chromium dumps.
    static func status(_ dom: String) -> [String: String] {
        guard let start = dom.range(of: "<div id=\"status\""), let end = dom[start.upperBound...].firstIndex(of: ">") else { return [:] }
        var values: [String: String] = [:]
        for part in dom[start.upperBound..<end].split(separator: " ") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].hasPrefix("data-") { values[String(kv[0].dropFirst(5))] = kv[1].trimmingCharacters(in: ["\""]) }
        }
        return values
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed: `make setup` installs it; the viewer check did NOT run"))
    func theViewerLoadsTilesWithoutErrors() async throws {
        let fixture = try await ServerFixture(incidents: 1_000)
        let dir = fixture.directory.path
        try await fixture.withLiveServer { _, port in
            let base = "http://127.0.0.1:\(port)"
            let dom = try await Self.chromium(["--dump-dom"], url: "\(base)/?style=situation-room")
            let status = Self.status(dom.output)
            #expect(Int(status["tiles-loaded"] ?? "") ?? 0 >= 6, "tiles did not load: \(status) \(dom.stderr.suffix(400))")
            #expect(status["tile-errors"] == "0", "\(status)")
            #expect(status["errors"] == "0", "script or console errors: \(status)")
            #expect(status["data-version"] == "1", "\(status)")
            #expect(dom.output.contains("<option value=\"situation-room\">"))
            #expect(dom.output.contains("Incidents by category: seizure"), "legend missing")
            // The screenshot: mostly the dark map with many colours, not a blank page.
            let shot = "\(dir)/viewer.png"
            _ = try await Self.chromium(["--screenshot=\(shot)"], url: "\(base)/?style=situation-room")
            let image = try PNGDecoder().decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: shot))))
            #expect(image.width == 1280 && image.height == 800)
            var colours = Set<UInt32>()
            for y in stride(from: 0, to: 800, by: 7) {
                for x in stride(from: 0, to: 1280, by: 7) {
                    if let c = image.color(x: x, y: y) { colours.insert(UInt32(c.r) << 16 | UInt32(c.g) << 8 | UInt32(c.b)) }
                }
            }
            #expect(colours.count > 200, "the screenshot has only \(colours.count) colours: no map drawn?")
            // Kiosk mode: no controls shown, tiles still load.
            let kiosk = try await Self.chromium(["--dump-dom"], url: "\(base)/?kiosk=1&style=basemap")
            // Layer toggles from the address: hot spot cells on, incidents off, tiles ask for them.
            let toggled = try await Self.chromium(["--dump-dom"], url: "\(base)/?style=situation-room&layers=heatmap,hotspots")
            let toggledStatus = Self.status(toggled.output)
            #expect(toggledStatus["tile-url"]?.hasSuffix("layers=heatmap,hotspots") == true, "\(toggledStatus)")
            #expect(Int(toggledStatus["tiles-loaded"] ?? "") ?? 0 >= 6 && toggledStatus["tile-errors"] == "0", "\(toggledStatus)")
            #expect(toggled.output.contains("Hot spot cells (Gi*)"))
            #expect(Self.status(dom.output)["tile-url"]?.contains("layers=") == false, "default toggles keep plain tile URLs")
            #expect(kiosk.output.contains("<body class=\"kiosk\">"))
            // Tile URLs carry the style fingerprint (and, for incident styles, the data version).
            let basemap = fixture.server.catalog.style("basemap")?.version ?? "?"
            let live = fixture.server.catalog.style("situation-room")?.version ?? "?"
            #expect(Self.status(kiosk.output)["tile-url"]?.hasSuffix(".png?v=\(basemap)") == true, "\(Self.status(kiosk.output))")
            #expect(status["tile-url"]?.hasSuffix(".png?v=\(live)-1") == true, "\(status)")
            let kioskStatus = Self.status(kiosk.output)
            #expect(Int(kioskStatus["tiles-loaded"] ?? "") ?? 0 >= 6 && kioskStatus["errors"] == "0", "\(kioskStatus)")
        }
    }
}

/// Lets one headless Chromium run at a time (first come, first served).
actor ChromiumGate {
    static let shared = ChromiumGate()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Waits until no other Chromium runs, then holds the gate.
    func acquire() async {
        if busy { await withCheckedContinuation { waiting.append($0) } } else { busy = true }
    }

    /// Hands the gate to the next waiter, or opens it.
    func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
