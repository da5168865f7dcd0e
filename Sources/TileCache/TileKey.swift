import GeoProjection

/// What identifies one rendered tile image: equal keys give byte-identical PNGs (the renderer is
/// deterministic), so a key is both the cache key and the HTTP entity tag.
///
/// Staleness is impossible by construction rather than by purging: an edited style, an edited
/// or replaced data or font file it draws from, or a renderer that draws differently changes
/// `styleHash` (the fingerprint, MapRenderer's `RenderInputs.fingerprint`), a new incident
/// changes `dataVersion`, and either makes every old entry unreachable. `dataVersion` is nil when the tile draws no incident-dependent layer
/// (`Style.dependsOnIncidents(atZoom:)` in MapStyle), so basemap tiles survive new incidents.
public struct TileKey: Hashable, Sendable, CustomStringConvertible {
    /// Style name (the style file's name without `.json`).
    public var style: String
    /// Fingerprint of what the tile is drawn from: the style document, its data and font files
    /// and the renderer version (MapRenderer's `RenderInputs.fingerprint`, an FNV-1a 64).
    public var styleHash: UInt64
    /// Incident-store data version; nil when the style draws no incident-dependent layer at this zoom.
    public var dataVersion: Int64?
    /// Zoom level (0...30, Web Mercator XYZ).
    public var z: Int
    /// Column from the antimeridian eastwards, 0..<2^z.
    public var x: Int
    /// Row from the north (XYZ, y down), 0..<2^z.
    public var y: Int
    /// Pixel ratio: 1 (256 px) or 2 (@2x, 512 px).
    public var scale: Int

    /// Creates a key. Values are not validated here: keys come from tile addresses that were
    /// (`TileCoordinate`); `MBTilesStore` rejects a key with an impossible position.
    public init(style: String, styleHash: UInt64, dataVersion: Int64?, z: Int, x: Int, y: Int, scale: Int = 1) {
        self.style = style
        self.styleHash = styleHash
        self.dataVersion = dataVersion
        self.z = z
        self.x = x
        self.y = y
        self.scale = scale
    }

    /// Creates the key of `tile`.
    public init(style: String, styleHash: UInt64, dataVersion: Int64?, tile: TileCoordinate, scale: Int = 1) {
        self.init(style: style, styleHash: styleHash, dataVersion: dataVersion, z: tile.z, x: tile.x, y: tile.y, scale: scale)
    }

    /// The tile address, or nil when z/x/y name no tile.
    public var tile: TileCoordinate? { try? TileCoordinate(z: z, x: x, y: y) }

    /// A strong HTTP entity tag, quoted, derived from every field:
    /// `"<styleHash 16 hex>-<style-name hash 8 hex>-<dataVersion or b>-<z>-<x>-<y>-<scale>"`.
    /// The style name enters hashed, so the tag holds only characters RFC 9110 allows
    /// (`etagc`), whatever the name; `b` (basemap) marks a nil data version.
    public var etag: String {
        let version = dataVersion.map { "d\($0)" } ?? "b"
        let name = UInt32(truncatingIfNeeded: StyleFingerprint.hash(Array(style.utf8)))
        return "\"\(StyleFingerprint.hex(styleHash))-\(Self.hex8(name))-\(version)-\(z)-\(x)-\(y)-\(scale)\""
    }

    /// `style@hash z/x/y@2x (data vN)`, for logs and messages.
    public var description: String {
        let s = scale == 1 ? "" : "@\(scale)x"
        let v = dataVersion.map { " (data v\($0))" } ?? ""
        return "\(style)@\(StyleFingerprint.hex(styleHash)) \(z)/\(x)/\(y)\(s)\(v)"
    }

    /// The same key at another tile position (same style, hash, data version and scale).
    public func moved(z: Int, x: Int, y: Int) -> TileKey {
        TileKey(style: style, styleHash: styleHash, dataVersion: dataVersion, z: z, x: x, y: y, scale: scale)
    }

    private static func hex8(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: 8 - h.count) + h
    }
}
