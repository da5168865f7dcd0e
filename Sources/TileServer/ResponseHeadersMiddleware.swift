import HTTPTypes
import Hummingbird

/// Headers every response gets, errors and 304s included:
/// - `X-Content-Type-Options: nosniff` (browsers use the declared type, never guess one);
/// - `X-Frame-Options: SAMEORIGIN` and, unless the route set its own policy, the
///   Content-Security-Policy `frame-ancestors 'self'` (no other site may frame the server's
///   pages; the viewer page's own policy says the same, `ViewerRoutes.contentSecurityPolicy`);
/// - `Referrer-Policy: same-origin`;
/// - when reads are protected (every route but `/health` needs a token): `Cache-Control:
///   public` becomes `private` (a shared cache must not hand an authorised answer to anyone
///   else, RFC 9111 §3.5 lets `public` override that) and `Vary: Authorization, Cookie` says
///   the answer depends on the credentials sent (RFC 9110 §12.5.5).
///
/// No response depends on `Accept-Encoding` (nothing is compressed), so none varies on it.
struct ResponseHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let protectReads: Bool
    static var frameOptions: HTTPField.Name? { HTTPField.Name("X-Frame-Options") }
    static var referrerPolicy: HTTPField.Name? { HTTPField.Name("Referrer-Policy") }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.add(to: &response.headers, path: request.uri.path, protectReads: protectReads)
        return response
    }

    /// Adds or adjusts the headers above on a response to a request for `path`; also used by the
    /// event-loop answer to cached tiles (`CachedTileResponder`), so both send the same headers.
    static func add(to headers: inout HTTPFields, path: String, protectReads: Bool) {
        headers[.xContentTypeOptions] = "nosniff"
        if let name = frameOptions { headers[name] = "SAMEORIGIN" }
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = "frame-ancestors 'self'" }
        if let name = referrerPolicy, headers[name] == nil { headers[name] = "same-origin" }
        if protectReads, path != "/health" {
            if let cache = headers[.cacheControl], cache.hasPrefix("public") {
                headers[.cacheControl] = "private" + cache.dropFirst("public".count)
            }
            headers.append(HTTPField(name: .vary, value: "Authorization, Cookie"))
        }
    }
}
