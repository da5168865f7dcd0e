import Foundation
import Hummingbird
import TileCache

/// `GET /` (the wall-display viewer page), its script and stylesheet, and Leaflet from
/// Debian's libjs-leaflet (`/assets/leaflet/…`, a fixed list of files: nothing else under that
/// folder, and no path from the request, is ever opened). Every file has a strong ETag from
/// its content (FNV-1a 64, `StyleFingerprint`) and answers a matching `If-None-Match` with 304.
/// `/?token=TOKEN` exchanges a read token for the viewer cookie (`ViewerSession`).
struct ViewerRoutes: Sendable {
    let leafletDirectory: URL
    let auth: BearerAuthorization

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

    /// The viewer page's Content-Security-Policy: scripts, styles, images (tiles, Leaflet's
    /// icons, and `data:` images Leaflet may create) and `fetch` only from this server; no
    /// plugins, no `<base>`, no form posts anywhere, and framing only by pages of this server.
    /// The page loads Leaflet from `/assets/leaflet/` (no CDN), so `'self'` is enough.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

    func register(on router: Router<BasicRequestContext>) {
        for (path, entry) in Self.viewerFiles {
            router.get(RouterPath(path)) { request, _ in
                if path == "/", let token = ViewerSession.queryToken(request) {
                    guard auth.mayRead(token) else {
                        throw APIError(.forbidden, "forbidden", "the token in ?token= is not valid for read access")
                    }
                    return ViewerSession.exchange(request, token: token)
                }
                guard let url = Bundle.module.url(forResource: "Viewer/\(entry.file)", withExtension: nil),
                      let data = FileManager.default.contents(atPath: url.path) else {
                    throw APIError(.internalServerError, "missing viewer file", "\(entry.file) is not in the server's resources")
                }
                var headers: HTTPFields = [.contentType: entry.type, .cacheControl: "no-cache"]
                if path == "/" { headers[.contentSecurityPolicy] = Self.contentSecurityPolicy }
                return Self.answer(request, data: data, headers: headers)
            }
        }
        router.get("/assets/leaflet/**") { request, context in
            let name = context.parameters.getCatchAll().joined(separator: "/")
            guard let type = Self.leafletFiles[name] else { throw APIError.notFound("no asset \(name)") }
            let path = leafletDirectory.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw APIError.notFound("\(path) is missing: install Debian's libjs-leaflet (make setup does)")
            }
            return Self.answer(request, data: data, headers: [.contentType: type, .cacheControl: "public, max-age=86400"])
        }
    }

    /// 200 with `data`, or 304 when the request's `If-None-Match` matches its ETag.
    static func answer(_ request: Request, data: Data, headers: HTTPFields) -> Response {
        var headers = headers
        let etag = "\"\(StyleFingerprint.hex(StyleFingerprint.hash([UInt8](data))))\""
        headers[.eTag] = etag
        if let unchanged = EntityTagMatch.notModified(request, etag: etag, headers: headers) { return unchanged }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
