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
        response.headers[.xContentTypeOptions] = "nosniff"
        if let name = Self.frameOptions { response.headers[name] = "SAMEORIGIN" }
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = "frame-ancestors 'self'" }
        if let name = Self.referrerPolicy, response.headers[name] == nil { response.headers[name] = "same-origin" }
        if protectReads, request.uri.path != "/health" {
            if let cache = response.headers[.cacheControl], cache.hasPrefix("public") {
                response.headers[.cacheControl] = "private" + cache.dropFirst("public".count)
            }
            response.headers.append(HTTPField(name: .vary, value: "Authorization, Cookie"))
        }
        return response
    }
}
