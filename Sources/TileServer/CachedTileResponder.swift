import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// The answer to a tile request whose tile is in the memory cache (or whose `If-None-Match`
/// matches), made synchronously where the request was decoded (`CachedTileHandler`), without
/// the general request path: no task, no hop from the event loop to Swift concurrency's
/// executor and back.
///
/// It answers what `TileRoutes.tile` would, through the same functions: `TileRoutes.read`
/// (style, z/x/y, scale, query), `TileRoutes.validators` (key, `ETag`, `Cache-Control`),
/// `EntityTagMatch.notModifiedHeaders` (304), `TileRoutes.png` (200), then the headers the
/// middleware and Hummingbird add (`X-Request-Id`, `ResponseHeadersMiddleware.add`, `Date`,
/// `Server`), the request metrics under the route's label and the request log line. It takes
/// only `GET` and `HEAD` of `/tiles/{style}/{z}/{x}/{y}.png` or `…@2x.png` with no query or
/// only `?v=`, without a body or `Connection: close`, and with read protection on only requests
/// whose token `BearerAuthorization.requireRead` accepts; everything else — and every miss —
/// goes on to Hummingbird untouched, which answers it (and counts the miss) as before.
struct CachedTileResponder: Sendable {
    let routes: TileRoutes
    let auth: BearerAuthorization
    /// The request log; nil when it is off (`--no-request-log`).
    let logger: Logger?
    /// The `Server` header Hummingbird sends (`ApplicationConfiguration.serverName`).
    let serverName: String?

    private typealias Log = RequestLog<Router<BasicRequestContext>>

    /// The metrics label of the tile route, as the router reports it (`context.endpointPath`).
    static let route = TileRoutes.path.description

    /// A response ready to write: head, and the body unless the request was `HEAD` or the answer a 304.
    struct Answer {
        var head: HTTPResponse
        var body: ByteBuffer?
    }

    /// The answer to `request`, or nil when it must go on to Hummingbird.
    /// - Parameter date: the `Date` header's value now.
    func answer(_ request: HTTPRequest, date: String) -> Answer? {
        let started = ContinuousClock.now
        guard request.method == .get || request.method == .head, let target = request.path, Self.mayAnswer(target: target),
              Self.mayAnswer(headers: request.headerFields) else { return nil }
        let uri = URI(target)
        let parts = uri.path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[1] == "tiles",
              let tile = try? routes.read(style: String(parts[2]), z: String(parts[3]), x: String(parts[4]), file: String(parts[5]), uri: uri)
        else { return nil }
        if auth.protectReads {
            guard (try? auth.requireRead(Request(head: request, body: RequestBody(buffer: ByteBuffer())))) != nil else { return nil }
        }
        let (key, etag, validators) = routes.validators(tile)
        var response: Response
        var body: ByteBuffer?
        if let unchanged = EntityTagMatch.notModifiedHeaders(request.headerFields, etag: etag, headers: validators) {
            response = Response(status: .notModified, headers: unchanged)
        } else if let png = routes.tiles.memoryHit(key) {
            let buffer = ByteBuffer(bytes: png)
            response = TileRoutes.png(buffer, headers: validators)
            if request.method == .get { body = buffer }
        } else {
            return nil
        }
        let id = RequestID().description
        if let name = ErrorMiddleware<BasicRequestContext>.requestIDHeader { response.headers[name] = id }
        ResponseHeadersMiddleware<BasicRequestContext>.add(to: &response.headers, path: uri.path, protectReads: auth.protectReads)
        response.headers[.date] = date
        if let serverName { response.headers[.server] = serverName }
        let status = response.status.code
        routes.tiles.metrics.answeredOnEventLoop(route: Self.route, status: status, seconds: (ContinuousClock.now - started) / .seconds(1))
        if let logger {
            Log.write(logger, method: request.method.rawValue, path: Log.loggedPath(uri), status: status,
                             bytes: body?.readableBytes ?? 0, since: started, id: id)
        }
        return Answer(head: response.head, body: body)
    }

    /// Whether the request target may be a cached tile: `/tiles/…`, no percent escapes (the
    /// router decodes them; such requests go on to it), no fragment, and no query but one `v`.
    static func mayAnswer(target: String) -> Bool {
        let bytes = target.utf8
        guard target.hasPrefix("/tiles/"), !bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "#") }) else { return false }
        guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return true }
        // Only `?v=…`: any other parameter (from, to, layers, token) goes on to the router.
        let query = bytes[bytes.index(after: mark)...]
        return query.starts(with: "v=".utf8) && !query.contains(where: { "?&;+".utf8.contains($0) })
    }

    /// Whether the request's headers allow an answer here: no body (`Content-Length` other
    /// than 0, or `Transfer-Encoding`) and no `Connection: close` (Hummingbird closes after
    /// answering those).
    static func mayAnswer(headers: HTTPFields) -> Bool {
        if let length = headers[.contentLength], length != "0" { return false }
        if headers[.transferEncoding] != nil { return false }
        for value in headers[values: .connection] where value.lowercased().contains("close") { return false }
        return true
    }
}
