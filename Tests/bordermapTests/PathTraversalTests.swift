import Foundation
import TestSupport
import Testing

/// Path traversal against `bordermap serve`, run under `strace -f -e trace=%file`, which logs
/// every system call of the server (all threads) that takes a file name: open, stat, access,
/// readlink and the rest. Secret files with a name of their own lie outside the served folders
/// (a temporary folder), and each hostile URL aims at them through dot segments (raw, as curl
/// `--path-as-is` sends them, and percent-encoded once and twice), encoded absolute paths,
/// backslashes and a NUL. Every answer must be exactly 404 with a JSON error and nothing of
/// the secret, and no traced call may name the secret at all: the server did not even look.
/// Controls show the trace sees the requests' own file reads: the viewer page and Leaflet's
/// stylesheet are read from disk for each request, and each read is in the log.
@Suite struct PathTraversalTests {
    typealias CLI = CommandLineTests

    /// The hostile paths for a secret at `secret` (absolute path without extension); each
    /// route's own extension (.json, .png, ...) is tried by giving the secret every one.
    static func hostilePaths(secret: String) -> [String] {
        let up = String(repeating: "../", count: 12)  // more than enough to reach / from any folder
        let upEncoded = String(repeating: "..%2F", count: 12)
        let relative = String(secret.dropFirst())  // without the leading slash, after the ../s
        let encoded = secret.replacingOccurrences(of: "/", with: "%2F")
        let relativeEncoded = relative.replacingOccurrences(of: "/", with: "%2F")
        let twice = String(repeating: "..%252F", count: 12) + relative.replacingOccurrences(of: "/", with: "%252F")
        let backslash = String(repeating: "..%5C", count: 12) + relative.replacingOccurrences(of: "/", with: "%5C")
        let dots = String(repeating: "%2E%2E%2F", count: 12) + relativeEncoded
        return [
            // styles: /tiles/STYLE.json, /tiles/STYLE/Z/X/Y.png, /static/STYLE/...
            "/tiles/\(up)\(relative).json", "/tiles/\(upEncoded)\(relativeEncoded).json", "/tiles/\(encoded).json",
            "/tiles/\(twice).json", "/tiles/\(backslash).json", "/tiles/\(dots).json",
            "/tiles/\(upEncoded)\(relativeEncoded)/3/5/3.png", "/tiles/\(encoded)/3/5/3.png",
            "/tiles/\(up)\(relative)/3/5/3.png",
            "/static/\(upEncoded)\(relativeEncoded)/60,35,80,45/100x100.png", "/static/\(encoded)/60,35,80,45/100x100.png",
            // data: /geojson/LAYER reads LAYER.shp in the data folder
            "/geojson/\(up)\(relative)", "/geojson/\(upEncoded)\(relativeEncoded)", "/geojson/\(encoded)",
            "/geojson/\(twice)", "/geojson/\(backslash)", "/geojson/\(dots)", "/geojson/\(upEncoded)\(relativeEncoded)%00",
            "/geojson/\(upEncoded)\(relativeEncoded).shp",
            // Leaflet from /usr/share/javascript/leaflet, the viewer from the bundle
            "/assets/leaflet/\(up)\(relative).js", "/assets/leaflet/\(upEncoded)\(relativeEncoded).js",
            "/assets/leaflet/\(encoded).css", "/assets/leaflet/\(twice).js", "/assets/leaflet/\(dots).css",
            "/\(up)\(relative).html", "/\(upEncoded)\(relativeEncoded).html", "/viewer/\(up)\(relative)",
            "/wmts/1.0.0/\(upEncoded)\(relativeEncoded).xml", "/styles/\(upEncoded)\(relativeEncoded)",
        ]
    }

    @Test func traversalURLsGet404AndTheServerTouchesNoFileOutsideItsFolders() async throws {
        let dir = try CLI.tempDir()
        let secret = "\(dir)/bm-secret-\(UUID().uuidString.prefix(8))"
        let secretName = URL(fileURLWithPath: secret).lastPathComponent
        for ext in ["", ".json", ".png", ".shp", ".shx", ".dbf", ".prj", ".js", ".css", ".html", ".xml"] {
            try "root:x:0:0:secret \(ext)\n".write(toFile: secret + ext, atomically: true, encoding: .utf8)
        }
        let log = "\(dir)/strace.log"
        let server = try await ServeProcess(["--db", "\(dir)/incidents.sqlite"], in: dir,
                                            launcher: ["/usr/bin/strace", "-f", "-qq", "-s", "4096", "-e", "trace=%file", "-o", log])
        var stopped = false
        defer { if !stopped { Self.stop(server) } }
        let base = String(server.url.dropLast())
        for path in Self.hostilePaths(secret: secret) {
            let r = try await Tool.runOffPool(["curl", "-s", "--path-as-is", "-w", "\n%{http_code}", base + path])
            let lines = r.output.split(separator: "\n", omittingEmptySubsequences: false)
            let status = Int(lines.last ?? "") ?? 0
            #expect(status == 404, "\(path): \(status) \(r.output)")
            #expect(r.output.contains("\"error\""), "\(path): \(r.output)")
            #expect(!r.output.contains("root:x"), "\(path) answered with the secret")
        }
        // Controls: files read for each request show in the trace, once per request.
        for _ in 0..<3 {
            let css = try await Tool.runOffPool(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", base + "/assets/leaflet/leaflet.css"])
            #expect(css.output == "200")
            let page = try await Tool.runOffPool(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", base + "/"])
            #expect(page.output == "200")
        }
        Self.stop(server)
        stopped = true
        let trace = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        let touched = trace.filter { $0.contains(secretName) }
        #expect(touched.isEmpty, "the server looked for files outside its folders:\n\(touched.prefix(10).joined(separator: "\n"))")
        let cssReads = trace.filter { $0.contains("leaflet/leaflet.css\"") && $0.contains("open") }
        let pageReads = trace.filter { $0.contains("Viewer/index.html\"") && $0.contains("open") }
        #expect(cssReads.count >= 3, "strace saw \(cssReads.count) opens of leaflet.css in \(trace.count) lines")
        #expect(pageReads.count >= 3, "strace saw \(pageReads.count) opens of Viewer/index.html")
    }

    /// SIGTERM to the server (strace's child), then waits for strace, which ends with it.
    static func stop(_ server: ServeProcess) {
        let strace = server.process.processIdentifier
        let children = (try? String(contentsOfFile: "/proc/\(strace)/task/\(strace)/children", encoding: .utf8)) ?? ""
        for child in children.split(separator: " ").compactMap({ Int32($0) }) { kill(child, SIGTERM) }
        if children.isEmpty { server.process.terminate() }
        server.process.waitUntilExit()
    }
}
