import Foundation

/// The `Date` header's form (RFC 9110 §5.6.7, IMF-fixdate): `Thu, 03 Dec 2026 17:20:00 GMT`,
/// as Hummingbird writes it on the responses it sends; `CachedTileHandler` writes the same on
/// the ones it answers itself.
enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `seconds` since 1970 (UTC) as an IMF-fixdate.
    static func text(_ seconds: Int) -> String {
        var whole = time_t(seconds), t = tm()
        gmtime_r(&whole, &t)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[Int(t.tm_wday)]), \(two(t.tm_mday)) \(months[Int(t.tm_mon)]) \(t.tm_year + 1900) "
            + "\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec)) GMT"
    }

    /// The current second's text, worked out again only when the second changes. One per
    /// connection handler: not thread-safe.
    struct Cache {
        private var second = -1
        private var value = ""

        mutating func now() -> String {
            let s = Int(time(nil))
            if s != second {
                second = s
                value = HTTPDate.text(s)
            }
            return value
        }
    }
}
