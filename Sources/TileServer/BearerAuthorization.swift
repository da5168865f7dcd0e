import Foundation
import Hummingbird

/// Bearer-token checks (RFC 6750): writing needs a write token in the `Authorization` header;
/// reading needs a read or write token only when the server protects reads, given as
/// `Authorization: Bearer TOKEN` or as the viewer's cookie (`ViewerSession`). The cookie never
/// grants writes, so a page on another site cannot make a browser write (no CSRF). Tokens are
/// compared in constant time.
struct BearerAuthorization: Sendable {
    let writeTokens: Set<String>
    let readTokens: Set<String>
    let protectReads: Bool

    /// - Throws: `APIError` 401 without a bearer token, 403 with a wrong one or when the server
    ///   has no write tokens configured.
    func requireWrite(_ request: Request) throws {
        guard !writeTokens.isEmpty else {
            throw APIError(.forbidden, "forbidden",
                           "this server accepts no writes: start it with --token-file FILE or BORDERMAP_TOKENS set")
        }
        try require(request, among: writeTokens, purpose: "write")
    }

    /// - Throws: as `requireWrite` when reads are protected and neither the `Authorization`
    ///   header nor the viewer cookie holds a read or write token.
    func requireRead(_ request: Request) throws {
        guard protectReads else { return }
        if let cookie = ViewerSession.token(in: request), mayRead(cookie) { return }
        try require(request, among: readTokens.union(writeTokens), purpose: "read")
    }

    /// Whether `token` is a read or a write token.
    func mayRead(_ token: String) -> Bool {
        Self.contains(readTokens.union(writeTokens), Array(token.utf8))
    }

    private func require(_ request: Request, among tokens: Set<String>, purpose: String) throws {
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"bordermap\""]
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, "unauthorized", "\(purpose) access needs an Authorization: Bearer TOKEN header"
                           + (purpose == "read" ? " (or, for the viewer, open /?token=TOKEN once)" : ""), headers: challenge)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, "unauthorized", "the Authorization header must be 'Bearer TOKEN'", headers: challenge)
        }
        guard Self.contains(tokens, Array(parts[1].trimmingCharacters(in: .whitespaces).utf8)) else {
            throw APIError(.forbidden, "forbidden", "the bearer token is not valid for \(purpose) access",
                           headers: [.wwwAuthenticate: "Bearer realm=\"bordermap\", error=\"invalid_token\""])
        }
    }

    /// Whether `given` is one of `tokens`. Every token is compared in full, whatever matched
    /// before, so the time taken does not reveal which one matched or a matching prefix.
    static func contains(_ tokens: Set<String>, _ given: [UInt8]) -> Bool {
        var found = false
        for t in tokens where constantTimeEqual(Array(t.utf8), given) { found = true }
        return found
    }

    /// Byte-wise equality whose time depends only on the longer length, not on where the
    /// bytes differ. The lengths are compared as whole `Int`s (folding them into a byte would
    /// let lengths that differ by a multiple of 256 pass), then every byte pair is OR-ed in.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff: UInt8 = a.count == b.count ? 0 : 1
        for i in 0..<max(a.count, b.count) {
            diff |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return diff == 0
    }
}
