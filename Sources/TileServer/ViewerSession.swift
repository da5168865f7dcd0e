import Foundation
import HTTPTypes
import Hummingbird

/// How the viewer page reads from a server that protects reads: a browser cannot add an
/// `Authorization` header to Leaflet's tile images, and a token in tile URLs would end up in
/// logs, caches and `Referer`s. So the page is opened once as `/?token=TOKEN`; the server
/// checks the token, answers `303 See Other` to the same address without the token, and sets
/// the cookie `bordermap_read` (`HttpOnly`: scripts cannot read it; `SameSite=Strict`: other
/// sites' pages cannot make the browser send it; `Path=/`; a session cookie; `Secure` when the
/// request came through an HTTPS proxy saying `X-Forwarded-Proto: https`). Tile, static map,
/// GeoJSON and metadata requests then carry the cookie. It grants reads only: writes still
/// need `Authorization: Bearer` with a write token.
enum ViewerSession {
    /// The cookie's name.
    static let cookieName = "bordermap_read"

    /// The token of the `bordermap_read` cookie, percent-decoded, if the request has one.
    static func token(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces) == cookieName else { continue }
                return kv[1].trimmingCharacters(in: .whitespaces).removingPercentEncoding
            }
        }
        return nil
    }

    /// The `token` query parameter of the viewer page's address, if any.
    static func queryToken(_ request: Request) -> String? {
        guard request.uri.path == "/", request.uri.query != nil else { return nil }
        return request.uri.queryParameters["token"].map(String.init)
    }

    /// The 303 that stores `token` in the cookie and sends the browser to the page's address
    /// without `token=` (the other query parameters kept as they were sent).
    static func exchange(_ request: Request, token: String) -> Response {
        let kept = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("token=") && $0 != "token" }
        let location = kept.isEmpty ? "/" : "/?" + kept.joined(separator: "&")
        // Cookie values may not hold spaces, quotes, commas, semicolons or backslashes (RFC 6265 §4.1.1).
        let value = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
        let proto = HTTPField.Name("X-Forwarded-Proto").flatMap { request.headers[$0] }
        let secure = proto?.lowercased() == "https" ? "; Secure" : ""
        return Response(status: .seeOther, headers: [
            .location: location, .cacheControl: "no-store",
            .setCookie: "\(cookieName)=\(value); Path=/; HttpOnly; SameSite=Strict\(secure)",
        ])
    }
}
