import Foundation
import GeoCore

/// A static map request as the command line and the HTTP route give it: an image size in CSS
/// pixels, a pixel ratio, and either a lon/lat box or a centre and zoom.
public struct StaticMapRequest: Sendable, Hashable {
    public let viewport: Viewport

    /// Largest image side in CSS pixels accepted from a request (device pixels = this × ratio).
    public static let maxCSSSide = 4096

    /// Parses `size` (`WIDTHxHEIGHT`), `bbox` (`W,S,E,N`) or `center` (`LON,LAT`) with `zoom`.
    /// - Throws: `RenderError` saying which parameter is wrong and why.
    public init(size: String, scale: Double, bbox: String?, center: String?, zoom: Double?) throws {
        let parts = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else {
            throw RenderError("size '\(size)' must be WIDTHxHEIGHT in pixels, e.g. 1600x1000")
        }
        guard (1...Self.maxCSSSide).contains(w), (1...Self.maxCSSSide).contains(h) else {
            throw RenderError("size \(w)x\(h) is outside 1x1...\(Self.maxCSSSide)x\(Self.maxCSSSide) pixels")
        }
        guard scale.isFinite, (1...4).contains(scale) else { throw RenderError("scale \(scale) must be between 1 and 4") }
        let width = Int((Double(w) * scale).rounded()), height = Int((Double(h) * scale).rounded())
        if let bbox {
            guard let box = BoundingBox(parsing: bbox), box.minX >= -180, box.maxX <= 180, box.minY >= -85.06, box.maxY <= 85.06,
                  box.width > 0, box.height > 0 else {
                throw RenderError("bbox '\(bbox)' must be W,S,E,N in degrees with W < E, S < N, inside ±180 / ±85.06")
            }
            viewport = try Viewport(lonLatBounds: box, width: width, height: height, pixelRatio: scale)
        } else if let center, let zoom {
            let v = center.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard v.count == 2, let lon = v[0], let lat = v[1], abs(lon) <= 180, abs(lat) <= 85.06 else {
                throw RenderError("center '\(center)' must be LON,LAT in degrees")
            }
            guard zoom.isFinite, (0...22).contains(zoom) else { throw RenderError("zoom \(zoom) must be between 0 and 22") }
            viewport = try Viewport(center: Coordinate(lon, lat), zoom: zoom, width: width, height: height, pixelRatio: scale)
        } else {
            throw RenderError("give a bbox, or a center with a zoom")
        }
    }
}
