import HTTPTypes
import Hummingbird

/// `If-None-Match` evaluation (RFC 9110 §13.1.2) — the one implementation every route with an
/// `ETag` uses.
///
/// The header is `*` or a comma-separated list of entity tags, each `"opaque"` or
/// `W/"opaque"` (§8.8.3: the opaque part may itself contain commas, so the list is read tag by
/// tag, not split on commas). If-None-Match uses the weak comparison (§8.8.3.2): two tags
/// match when their opaque parts are equal, whether either is marked weak.
enum EntityTagMatch {
    /// Whether `header` (an `If-None-Match` value) matches `etag` (the response's `ETag`,
    /// strong or weak). `*` matches any current representation. A malformed element ends the
    /// list: what was read up to it still counts, nothing after it does.
    static func ifNoneMatch(_ header: String, etag: String) -> Bool {
        guard let ours = opaque(Substring(etag)) else { return false }
        var rest = Substring(header)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            if rest.isEmpty { return false }
            if rest.first == "*" { return true }  // `*` (also when several header lines were joined)
            if rest.hasPrefix("W/") { rest = rest.dropFirst(2) }
            guard rest.first == "\"" else { return false }
            let body = rest.dropFirst()
            guard let close = body.firstIndex(of: "\"") else { return false }
            if body[..<close] == ours { return true }
            rest = body[body.index(after: close)...]
        }
    }

    /// The opaque part of an entity tag (`"x"` or `W/"x"` → `x`), or nil when `tag` is not one.
    static func opaque(_ tag: Substring) -> Substring? {
        let t = tag.hasPrefix("W/") ? tag.dropFirst(2) : tag
        guard t.count >= 2, t.first == "\"", t.last == "\"" else { return nil }
        return t.dropFirst().dropLast()
    }
}

extension EntityTagMatch {
    /// The headers of the `304 Not Modified` answer to a request with `requestHeaders` when its
    /// `If-None-Match` matches `etag`, else nil. `headers` are those the 200 would carry; the
    /// 304 keeps the ones RFC 9110 §15.4.5 requires (ETag, Cache-Control, Expires, Vary,
    /// Content-Location). Shared by the routes (`notModified(_:etag:headers:)`) and the
    /// event-loop answer to cached tiles (`CachedTileResponder`).
    static func notModifiedHeaders(_ requestHeaders: HTTPFields, etag: String, headers: HTTPFields) -> HTTPFields? {
        let values = requestHeaders[values: .ifNoneMatch]
        guard !values.isEmpty, ifNoneMatch(values.count == 1 ? values[0] : values.joined(separator: ", "), etag: etag) else { return nil }
        var kept: HTTPFields = [.eTag: etag]
        for name in [HTTPField.Name.cacheControl, .expires, .vary, .contentLocation] {
            for value in headers[values: name] { kept.append(HTTPField(name: name, value: value)) }
        }
        return kept
    }

    /// The `304 Not Modified` answer to `request` when its `If-None-Match` matches `etag`, else
    /// nil, with the headers `notModifiedHeaders` keeps and no body.
    static func notModified(_ request: Request, etag: String, headers: HTTPFields) -> Response? {
        notModifiedHeaders(request.headers, etag: etag, headers: headers).map { Response(status: .notModified, headers: $0) }
    }
}
