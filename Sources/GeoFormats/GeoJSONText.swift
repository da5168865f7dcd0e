import Foundation
import GeoCore

/// GeoJSON text at the byte level, exactly as `GeoJSONWriter` writes it, for code that writes
/// features without building `Feature` values first (the server's incident stream writes rows
/// of the store straight to text). `GeoJSONWriter` is built on the same functions, so both
/// write the same bytes for the same values.
public enum GeoJSONText {
    /// Written between two features of a collection.
    public static let featureSeparator: [UInt8] = Array(",\n".utf8)
    /// Closes a collection begun by `appendCollectionStart`.
    public static let collectionEnd: [UInt8] = Array("\n]}\n".utf8)

    /// Opens a FeatureCollection up to its first feature: `{"type":"FeatureCollection",`, the
    /// `name` foreign member when not nil (GDAL and QGIS use it as the layer name), a `bbox`
    /// when not nil (at `decimals`), then `"features":[` and a newline.
    public static func appendCollectionStart(name: String?, bbox: BoundingBox? = nil, decimals: Int = 7, to out: inout [UInt8]) {
        out.append(contentsOf: "{\"type\":\"FeatureCollection\",".utf8)
        if let name {
            out.append(contentsOf: "\"name\":".utf8)
            appendString(name, to: &out)
            out.append(UInt8(ascii: ","))
        }
        if let bbox {
            appendBBox(bbox, decimals: decimals, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: "\"features\":[\n".utf8)
    }

    /// `s` as a JSON string literal: quotes, backslash and control characters escaped (`\n`,
    /// `\r`, `\t`, else `\u00xx`), everything else, non-ASCII included, as UTF-8.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        JSONText.appendQuoted(s, to: &out)
    }

    /// UTF-8 `text` (a database column, say) as a JSON string literal, escaped as
    /// `appendString(_:to:)` escapes; invalid UTF-8 is replaced by U+FFFD as
    /// `String(decoding:as:)` replaces it. ASCII text is escaped straight from the buffer.
    public static func appendString(utf8 text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if text.contains(where: { $0 >= 0x80 }) {
            appendString(String(decoding: text, as: UTF8.self), to: &out)
        } else {
            JSONText.appendQuoted(bytes: text, to: &out)
        }
    }

    /// A property number: Swift's shortest round-trip text (`41.3`, `5.0`, `1e-07`), `null`
    /// when not finite (JSON has no NaN or infinity).
    public static func appendNumber(_ d: Double, to out: inout [UInt8]) {
        if d.isFinite { out.append(contentsOf: d.description.utf8) } else { out.append(contentsOf: "null".utf8) }
    }

    /// A coordinate of a finite value: fixed-point with at most `decimals` fraction digits,
    /// trailing zeros trimmed, no exponent, `-0` as `0` (`JSONNumberFormat`).
    public static func appendCoordinate(_ v: Double, decimals: Int, to out: inout [UInt8]) {
        JSONNumberFormat.appendFixed(v, decimals: decimals, to: &out)
    }

    /// `{"type":"Point","coordinates":[x,y]}` of finite `x`, `y` at `decimals`.
    public static func appendPoint(x: Double, y: Double, decimals: Int, to out: inout [UInt8]) {
        out.append(contentsOf: "{\"type\":\"Point\",\"coordinates\":[".utf8)
        appendCoordinate(x, decimals: decimals, to: &out)
        out.append(UInt8(ascii: ","))
        appendCoordinate(y, decimals: decimals, to: &out)
        out.append(contentsOf: "]}".utf8)
    }

    /// A `"bbox":[w,s,e,n]` member (no trailing comma).
    static func appendBBox(_ b: BoundingBox, decimals: Int, to out: inout [UInt8]) {
        out.append(contentsOf: "\"bbox\":[".utf8)
        for (i, v) in [b.minX, b.minY, b.maxX, b.maxY].enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendCoordinate(v, decimals: decimals, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}
