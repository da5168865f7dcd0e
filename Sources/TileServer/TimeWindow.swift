import Foundation
import GeoCore

/// The `from` / `to` of a request (`?from=2024-01-01&to=2024-06-30`, dates inclusive, or ISO
/// 8601 date-times in UTC): which incidents tiles and GeoJSON show. Tiles, static maps and the
/// analysis layers take whole days only (`wholeDays`), because each window is cached apart: a
/// window to the second would make a new cache entry per request and flush the caches; GeoJSON
/// downloads, which are not cached, also take date-times.
struct TimeWindow: Sendable, Hashable {
    /// At or after (UTC).
    var from: Date?
    /// Before (UTC): a date-only `to` means the end of that day.
    var to: Date?

    static let all = TimeWindow()

    /// Parses the query parameters `from` and `to`; with `wholeDays` only dates (YYYY-MM-DD).
    /// - Throws: `APIError` 400 naming the parameter when a value is not a date (or, with
    ///   `wholeDays`, is a date-time), or `to` is not after `from`.
    init(from fromText: String?, to toText: String?, wholeDays: Bool = false) throws {
        from = try fromText.flatMap { try Self.parse($0, parameter: "from", endOfDay: false, wholeDays: wholeDays) }
        to = try toText.flatMap { try Self.parse($0, parameter: "to", endOfDay: true, wholeDays: wholeDays) }
        if let f = from, let t = to, t <= f {
            throw APIError.badRequest("to (\(toText ?? "")) must be after from (\(fromText ?? ""))")
        }
    }

    init(from: Date? = nil, to: Date? = nil) {
        self.from = from
        self.to = to
    }

    var isAll: Bool { from == nil && to == nil }

    /// A compact, canonical text for cache keys ("" for all time).
    var keyText: String {
        isAll ? "" : "\(from.map { Int64($0.timeIntervalSince1970) }.map(String.init) ?? "")~\(to.map { Int64($0.timeIntervalSince1970) }.map(String.init) ?? "")"
    }

    /// The overlap with a style source's `from`/`to` calendar dates (inclusive days).
    func narrowed(from: CalendarDate?, to: CalendarDate?) -> TimeWindow {
        var w = self
        if let f = from.map(Self.start(of:)) { w.from = max(w.from ?? f, f) }
        if let t = to.map({ Self.start(of: $0).addingTimeInterval(86_400) }) { w.to = min(w.to ?? t, t) }
        return w
    }

    static func start(of day: CalendarDate) -> Date {
        Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400)
    }

    private static func parse(_ text: String, parameter: String, endOfDay: Bool, wholeDays: Bool) throws -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        if let day = CalendarDate(iso: t) {
            return start(of: day).addingTimeInterval(endOfDay ? 86_400 : 0)
        }
        if wholeDays {
            throw APIError.badRequest("\(parameter)=\(text): maps take whole days, YYYY-MM-DD (each window is cached apart)")
        }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        if let d = iso.date(from: t) { return d }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = iso.date(from: t) { return d }
        throw APIError.badRequest("\(parameter)=\(text) is not a date: use YYYY-MM-DD or an ISO 8601 date-time such as 2024-03-01T08:00:00Z")
    }
}
