import Foundation
import GeoCore
import GeoFormats
import GeoTopology

/// "Is this point on land in a country of the sample data?", used by imports to catch
/// swapped latitude and longitude columns: in Central Asia both are valid numbers either way
/// round, but only one order lands inside a country polygon.
public enum LandCheck {
    /// A `(lon, lat) -> Bool` test over the polygons of `ca_admin0_countries.shp` in
    /// `dataDirectory`; nil (no check) when the layer is missing, with the reason.
    public static func load(dataDirectory: String) -> (test: (@Sendable (Double, Double) -> Bool)?, problem: String?) {
        let path = "\(dataDirectory)/ca_admin0_countries.shp"
        guard FileManager.default.fileExists(atPath: path) else {
            return (nil, "\(path) not found: swapped coordinates are only caught when out of range")
        }
        do {
            var polygons: [Polygon] = []
            let reader = try ShapefileReader(path: path)
            while let feature = try reader.next() {
                switch feature.geometry {
                case .polygon(let p)?: polygons.append(p)
                case .multiPolygon(let m)?: polygons.append(contentsOf: m.polygons)
                default: break
                }
            }
            guard let index = PointInAreaIndex(.multiPolygon(MultiPolygon(polygons))) else {
                return (nil, "\(path) holds no polygons: swapped coordinates are only caught when out of range")
            }
            // A point on a border or undecidable within rounding counts as on land.
            return ({ lon, lat in index.locate(x: lon, y: lat) != .exterior }, nil)
        } catch {
            return (nil, "\(error): swapped coordinates are only caught when out of range")
        }
    }
}
