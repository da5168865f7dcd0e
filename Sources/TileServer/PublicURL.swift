import Hummingbird

/// The base URL clients reached the server at (`http://HOST`), for the absolute tile URLs of
/// TileJSON and WMTS: the request's `Host` when it is a plain host[:port], else the configured
/// address (a `Host` header is client input and must not be echoed into documents unchecked).
enum PublicURL {
    static func base(_ request: Request, configuration: ServerConfiguration) -> String {
        if let host = request.head.authority, isPlainHost(host) { return "http://\(host)" }
        let h = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(h):\(configuration.port)"
    }

    /// A host name, IPv4 or bracketed IPv6 address, with an optional port: letters, digits,
    /// `.` `-` `:` `[` `]` only.
    static func isPlainHost(_ host: String) -> Bool {
        !host.isEmpty && host.count <= 255
            && host.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-:[]".unicodeScalars.contains($0)) }
    }
}
