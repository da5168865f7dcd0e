import Foundation
import GeoCore
import Logging

/// How `bordermap serve` writes its log on stderr (journald keeps it under systemd): one line
/// per event, either `text` — `2026-12-03T15:50:01.123Z info request method=GET
/// path=/tiles/report/3/5/2.png status=200 bytes=12345 ms=8.1 request_id=…` (logfmt: the message,
/// then the metadata as `key=value`, values with spaces or quotes quoted) — or `json`, one
/// object a line with `time`, `level`, `label`, `message` and the metadata as fields (numbers
/// as JSON numbers), for log shippers.
public enum LogFormat: String, Sendable, CaseIterable {
    case text, json
}

/// A swift-log handler writing `LogFormat` lines to stderr with one `write` each (whole lines
/// under the pipe's atomic size never interleave between threads).
public struct LogLineHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let format: LogFormat
    let sink: @Sendable (String) -> Void

    /// A handler for `label` writing `format` lines to `sink` (stderr by default).
    public init(label: String, format: LogFormat, sink: @escaping @Sendable (String) -> Void = LogLineHandler.standardError) {
        self.label = label
        self.format = format
        self.sink = sink
    }

    /// Makes every logger of the process write `format` lines to stderr. Call once, first.
    public static func bootstrap(_ format: LogFormat) {
        LoggingSystem.bootstrap { LogLineHandler(label: $0, format: format) }
    }

    @Sendable public static func standardError(_ line: String) {
        FileHandle.standardError.write(Data(line.utf8))
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        sink(line(time: Date(), level: event.level, message: "\(event.message)", metadata: all))
    }

    /// Keys written first, in this order (a request line reads left to right); others follow sorted.
    static let leadingKeys = ["method", "path", "status", "bytes", "ms", "request_id"]

    /// One formatted line, ending in a newline.
    func line(time: Date, level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        let stamp = Self.timestamp(time)
        let keys = Self.leadingKeys.filter { metadata[$0] != nil } + metadata.keys.filter { !Self.leadingKeys.contains($0) }.sorted()
        switch format {
        case .text:
            var out = "\(stamp) \(level) \(message)"
            for key in keys { out += " \(key)=\(Self.logfmt(metadata[key].map(Self.text) ?? ""))" }
            return out + "\n"
        case .json:
            var fields = ["\"time\":\(JSONText.quoted(stamp))", "\"level\":\(JSONText.quoted(level.rawValue))",
                          "\"label\":\(JSONText.quoted(label))", "\"message\":\(JSONText.quoted(message))"]
            for key in keys where !["time", "level", "label", "message"].contains(key) {
                fields.append("\(JSONText.quoted(key)):\(metadata[key].map(Self.json) ?? "null")")
            }
            return "{" + fields.joined(separator: ",") + "}\n"
        }
    }

    static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): s
        case .stringConvertible(let c): c.description
        case .array(let a): "[" + a.map(text).joined(separator: ",") + "]"
        case .dictionary(let d): "{" + d.sorted { $0.key < $1.key }.map { "\($0.key):\(text($0.value))" }.joined(separator: ",") + "}"
        }
    }

    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): JSONText.quoted(s)
        case .stringConvertible(let c):
            if c is any BinaryInteger { c.description }
            else if let d = c as? Double, d.isFinite { c.description }
            else { JSONText.quoted(c.description) }
        case .array(let a): "[" + a.map(json).joined(separator: ",") + "]"
        case .dictionary(let d): "{" + d.sorted { $0.key < $1.key }.map { "\(JSONText.quoted($0.key)):\(json($0.value))" }.joined(separator: ",") + "}"
        }
    }

    /// `time` in UTC as ISO 8601 with milliseconds (`2026-12-03T15:50:01.123Z`).
    static func timestamp(_ time: Date) -> String {
        let totalMillis = Int64((time.timeIntervalSince1970 * 1000).rounded())
        var whole = time_t(totalMillis / 1000), parts = tm()
        gmtime_r(&whole, &parts)
        let millis = Int(totalMillis % 1000)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(ms)Z"
    }

    /// A logfmt value: bare when it has no space, quote or control character (a path's `?a=b` stays bare), else quoted.
    static func logfmt(_ s: String) -> String {
        let needsQuotes = s.isEmpty || s.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0.value < 0x20 }
        return needsQuotes ? JSONText.quoted(s) : s
    }
}
