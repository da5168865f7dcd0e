import Foundation
import GeoCore

/// The `metadata` table of an MBTiles 1.3 file: what GDAL, QGIS and tile servers read to
/// describe the tileset, plus BorderMap's own keys (prefixed `bordermap:`).
public struct MBTilesMetadata: Sendable, Hashable {
    /// MBTiles `type`: a base map or an overlay.
    public enum LayerType: String, Sendable, Hashable {
        case baselayer, overlay
    }

    /// Human-readable tileset name (`name`).
    public var name: String
    /// What the tileset shows (`description`).
    public var description: String
    /// Tileset version (`version`), a number as text; default "1".
    public var version: String
    /// Credit line (`attribution`); nil writes no row.
    public var attribution: String?
    /// `type`; default `.baselayer`.
    public var type: LayerType
    /// Extent covered, longitude/latitude degrees (`bounds` = W,S,E,N).
    public var bounds: BoundingBox
    /// Lowest zoom present (`minzoom`).
    public var minZoom: Int
    /// Highest zoom present (`maxzoom`).
    public var maxZoom: Int
    /// The style whose tiles the standard `tiles` view shows (`bordermap:style`); the file may
    /// hold other styles' tiles too, visible to BorderMap only.
    public var style: String
    /// The pixel ratio the `tiles` view shows (`bordermap:scale`): 1 (256 px) or 2 (512 px).
    public var scale: Int
    /// Further rows, written as given (keys must not repeat the ones above).
    public var extra: [String: String]

    /// Tile format (`format`); BorderMap writes PNG only.
    public var format: String { "png" }

    /// Default view (`center` = lon,lat,zoom): the middle of `bounds` at `minZoom`, or at
    /// `minZoom + 2` when the range allows, so a viewer does not open on a single tile.
    public var center: (lon: Double, lat: Double, zoom: Int) {
        (bounds.center.x, bounds.center.y, min(maxZoom, minZoom + 2))
    }

    /// Creates metadata; see the properties for meanings and defaults.
    public init(name: String, description: String = "", version: String = "1", attribution: String? = nil,
                type: LayerType = .baselayer, bounds: BoundingBox, minZoom: Int, maxZoom: Int,
                style: String, scale: Int = 1, extra: [String: String] = [:]) {
        self.name = name
        self.description = description
        self.version = version
        self.attribution = attribution
        self.type = type
        self.bounds = bounds
        self.minZoom = minZoom
        self.maxZoom = maxZoom
        self.style = style
        self.scale = scale
        self.extra = extra
    }

    /// The rows of the `metadata` table, in a stable order.
    var rows: [(String, String)] {
        let c = center
        var rows: [(String, String)] = [
            ("name", name), ("format", format), ("bounds", Self.text(bounds)),
            ("center", "\(Self.number(c.lon)),\(Self.number(c.lat)),\(c.zoom)"),
            ("minzoom", String(minZoom)), ("maxzoom", String(maxZoom)), ("type", type.rawValue),
            ("version", version), ("description", description),
            ("bordermap:style", style), ("bordermap:scale", String(scale)),
        ]
        if let attribution { rows.append(("attribution", attribution)) }
        rows += extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return rows
    }

    /// Keys this type writes itself (others go to `extra` when read back).
    static let ownKeys: Set<String> = [
        "name", "format", "bounds", "center", "minzoom", "maxzoom", "type", "version", "description",
        "attribution", "bordermap:style", "bordermap:scale", MBTilesSchema.versionKey,
    ]

    /// Reads the rows of a `metadata` table.
    /// - Throws: `MBTilesError.badMetadata` for a missing or malformed required value.
    init(rows: [String: String], path: String) throws {
        func required(_ key: String) throws -> String {
            guard let v = rows[key] else { throw MBTilesError.badMetadata(path: path, name: key, value: "(missing)") }
            return v
        }
        func int(_ key: String) throws -> Int {
            let v = try required(key)
            guard let n = Int(v.trimmingCharacters(in: .whitespaces)) else {
                throw MBTilesError.badMetadata(path: path, name: key, value: v)
            }
            return n
        }
        let b = try required("bounds")
        guard let box = BoundingBox(parsing: b) else { throw MBTilesError.badMetadata(path: path, name: "bounds", value: b) }
        let t = rows["type"] ?? "baselayer"
        guard let type = LayerType(rawValue: t) else { throw MBTilesError.badMetadata(path: path, name: "type", value: t) }
        self.init(name: try required("name"), description: rows["description"] ?? "", version: rows["version"] ?? "1",
                  attribution: rows["attribution"], type: type, bounds: box, minZoom: try int("minzoom"),
                  maxZoom: try int("maxzoom"), style: try required("bordermap:style"), scale: try int("bordermap:scale"),
                  extra: rows.filter { !Self.ownKeys.contains($0.key) })
    }

    private static func text(_ b: BoundingBox) -> String {
        [b.minX, b.minY, b.maxX, b.maxY].map(number).joined(separator: ",")
    }

    /// Up to 6 decimals (0.1 m), without trailing zeros.
    private static func number(_ v: Double) -> String {
        var s = String(format: "%.6f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
