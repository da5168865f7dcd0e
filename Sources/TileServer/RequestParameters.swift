import Foundation
import GeoCore
import Hummingbird

/// Parsing and validation of the path and query values the routes take; every failure is an
/// `APIError` 400 that names the parameter and the value.
enum RequestParameters {
    /// Highest zoom a tile may be asked for.
    static let maxZoom = 22

    /// `bbox=W,S,E,N` in degrees: four finite numbers, west < east (no antimeridian crossing),
    /// south < north, within ±180 / ±90.
    static func bbox(_ text: String, parameter: String = "bbox") throws -> BoundingBox {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let w = parts[0], let s = parts[1], let e = parts[2], let n = parts[3],
              [w, s, e, n].allSatisfy(\.isFinite) else {
            throw APIError.badRequest("\(parameter)=\(text): expected four numbers W,S,E,N in degrees")
        }
        guard (-180...180).contains(w), (-180...180).contains(e), (-90...90).contains(s), (-90...90).contains(n) else {
            throw APIError.badRequest("\(parameter)=\(text): longitudes must lie in -180...180 and latitudes in -90...90")
        }
        guard w < e, s < n else {
            throw APIError.badRequest("\(parameter)=\(text): west must be less than east and south less than north")
        }
        return BoundingBox(minX: w, minY: s, maxX: e, maxY: n)
    }

    /// A whole number path segment in `range`.
    static func integer(_ text: String?, name: String, in range: ClosedRange<Int>) throws -> Int {
        guard let text, let v = Int(text), text.allSatisfy(\.isASCII) else {
            throw APIError.badRequest("\(name)=\(text ?? "") is not a whole number")
        }
        guard range.contains(v) else {
            throw APIError.badRequest("\(name)=\(v) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return v
    }

    /// The last segment of a tile path: `{y}.png` (scale 1) or `{y}@2x.png` (scale 2).
    static func tileFile(_ text: String?) throws -> (y: String, scale: Int) {
        guard let text, text.hasSuffix(".png") else {
            throw APIError.badRequest("tile name \(text ?? "") must be {y}.png or {y}@2x.png")
        }
        let stem = text.dropLast(4)
        if stem.hasSuffix("@2x") { return (String(stem.dropLast(3)), 2) }
        if stem.contains("@") { throw APIError.badRequest("tile name \(text): only @2x is served besides 1x") }
        return (String(stem), 1)
    }

    /// A style name as it appears in a path: letters, digits, `-`, `_`, `.` — never a path.
    static func styleName(_ text: String?) throws -> String {
        guard let text, !text.isEmpty, !text.hasPrefix("."),
              text.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "." })
        else { throw APIError.notFound("no style named '\(text ?? "")'") }
        return text
    }
}

extension Parameters {
    /// The path parameter `name`, percent-decoded (RFC 3986 §2.1): clients may send a segment's
    /// characters escaped (`66.5%2C38.5%2C73.5%2C42.5` for a static map's extent, `%20` in a
    /// shapefile layer's name), and Hummingbird hands path parameters over as sent. An invalid
    /// escape leaves the value as sent, to fail the route's own validation. Values are checked
    /// after decoding, so an escaped `/` or `..` is refused like a plain one.
    func decoded(_ name: String) -> String? {
        get(name).map { $0.removingPercentEncoding ?? $0 }
    }
}
