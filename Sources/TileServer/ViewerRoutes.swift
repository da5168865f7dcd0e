import Foundation
import Hummingbird

/// `GET /` (the wall-display viewer page), its script and stylesheet, and Leaflet from
/// Debian's libjs-leaflet (`/assets/leaflet/…`, a fixed list of files: nothing else under that
/// folder, and no path from the request, is ever opened).
struct ViewerRoutes: Sendable {
    let leafletDirectory: URL

    /// The viewer's own files (Sources/TileServer/Viewer), by URL path.
    static let viewerFiles: [String: (file: String, type: String)] = [
        "/": ("index.html", "text/html; charset=utf-8"),
        "/viewer/viewer.js": ("viewer.js", "text/javascript; charset=utf-8"),
        "/viewer/viewer.css": ("viewer.css", "text/css; charset=utf-8"),
    ]
    /// Leaflet's files the page uses.
    static let leafletFiles: [String: String] = [
        "leaflet.js": "text/javascript; charset=utf-8", "leaflet.css": "text/css; charset=utf-8",
        "images/layers.png": "image/png", "images/layers-2x.png": "image/png",
        "images/marker-icon.png": "image/png", "images/marker-icon-2x.png": "image/png", "images/marker-shadow.png": "image/png",
    ]

    func register(on router: Router<BasicRequestContext>) {
        for (path, entry) in Self.viewerFiles {
            router.get(RouterPath(path)) { _, _ in
                guard let url = Bundle.module.url(forResource: "Viewer/\(entry.file)", withExtension: nil),
                      let data = FileManager.default.contents(atPath: url.path) else {
                    throw APIError(.internalServerError, "missing viewer file", "\(entry.file) is not in the server's resources")
                }
                return Response(status: .ok, headers: [.contentType: entry.type, .cacheControl: "no-cache"],
                                body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
        router.get("/assets/leaflet/**") { _, context in
            let name = context.parameters.getCatchAll().joined(separator: "/")
            guard let type = Self.leafletFiles[name] else { throw APIError.notFound("no asset \(name)") }
            let path = leafletDirectory.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw APIError.notFound("\(path) is missing: install Debian's libjs-leaflet (make setup does)")
            }
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=86400"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
