import Foundation
import Hummingbird

/// Bearer-token checks (RFC 6750): writing needs a write token; reading needs a read or write
/// token only when the server protects reads. Tokens are compared in constant time.
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

    /// - Throws: as `requireWrite` when reads are protected.
    func requireRead(_ request: Request) throws {
        guard protectReads else { return }
        try require(request, among: readTokens.union(writeTokens), purpose: "read")
    }

    private func require(_ request: Request, among tokens: Set<String>, purpose: String) throws {
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"bordermap\""]
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, "unauthorized", "\(purpose) access needs an Authorization: Bearer TOKEN header",
                           headers: challenge)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, "unauthorized", "the Authorization header must be 'Bearer TOKEN'", headers: challenge)
        }
        let given = Array(parts[1].trimmingCharacters(in: .whitespaces).utf8)
        // Every token is compared in full so the time taken does not reveal a matching prefix.
        var found = false
        for t in tokens where Self.constantTimeEqual(Array(t.utf8), given) { found = true }
        guard found else {
            throw APIError(.forbidden, "forbidden", "the bearer token is not valid for \(purpose) access",
                           headers: [.wwwAuthenticate: "Bearer realm=\"bordermap\", error=\"invalid_token\""])
        }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for i in 0..<max(a.count, b.count) {
            diff |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return diff == 0
    }
}
