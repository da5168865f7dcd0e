import Foundation
import GeoCore
import GeoProjection

/// What part of the world a render covers and at what size: Web Mercator (EPSG:3857) bounds,
/// an output size in device pixels, and the zoom level that sets styling (`zoom` expressions,
/// `minzoom`/`maxzoom`) and simplification.
///
/// `pixelRatio` is the device-pixel scale (2 for @2x tiles, up to 4 for print): styles are in
/// CSS pixels and are multiplied by it, and `zoom` is the zoom of the CSS-pixel map, so a 512 px
/// @2x tile at z5 shows the same area, styled the same, as a 256 px tile at z5.
public struct Viewport: Sendable, Hashable {
    /// Errors in viewport parameters.
    public enum ViewportError: Error, Sendable, Hashable, CustomStringConvertible {
        case invalidSize(width: Int, height: Int)
        case invalidScale(Double)
        case invalidExtent(String)

        public var description: String {
            switch self {
            case .invalidSize(let w, let h): "image size \(w)x\(h) px is outside 1...\(Viewport.maxSide) px per side"
            case .invalidScale(let s): "scale \(s) is outside 1...4"
            case .invalidExtent(let why): "invalid map extent: \(why)"
            }
        }
    }

    /// Largest output side in device pixels.
    public static let maxSide = 16_384

    /// The area shown, EPSG:3857 metres.
    public let bounds: BoundingBox
    /// Output size in device pixels.
    public let width: Int
    public let height: Int
    /// Device pixels per CSS pixel (1...4).
    public let pixelRatio: Double
    /// Zoom level of the CSS-pixel map (fractional for static maps).
    public let zoom: Double

    /// Metres per device pixel.
    public var metersPerPixel: Double { bounds.width / Double(width) }

    /// The transform from EPSG:3857 metres to device pixels (y down).
    public var pixelTransform: (scale: Double, originX: Double, originY: Double) {
        (1 / metersPerPixel, bounds.minX, bounds.maxY)
    }

    /// An XYZ tile of `tileSize` CSS pixels (256) at `pixelRatio` (1 or 2 for @2x).
    public init(tile: TileCoordinate, tileSize: Int = 256, pixelRatio: Double = 1) throws {
        guard (1...4).contains(pixelRatio) else { throw ViewportError.invalidScale(pixelRatio) }
        let side = Int((Double(tileSize) * pixelRatio).rounded())
        try self.init(bounds: tile.mercatorBounds, width: side, height: side, pixelRatio: pixelRatio,
                      zoom: Double(tile.z) + log2(Double(tileSize) / 256))
    }

    /// A static map of a lon/lat box. The box is widened in one direction to the aspect ratio
    /// of the image so that nothing is stretched.
    public init(lonLatBounds box: BoundingBox, width: Int, height: Int, pixelRatio: Double = 1) throws {
        guard box.width > 0, box.height > 0, box.minY >= -90, box.maxY <= 90 else {
            throw ViewportError.invalidExtent("\(box) must have positive width and height within ±90° latitude")
        }
        let sw = WebMercator.mercator(fromLonLat: Coordinate(box.minX, box.minY))
        let ne = WebMercator.mercator(fromLonLat: Coordinate(box.maxX, box.maxY))
        var m = BoundingBox(minX: sw.x, minY: sw.y, maxX: ne.x, maxY: ne.y)
        let aspect = Double(width) / Double(max(1, height))
        if m.width / m.height > aspect {
            let h = m.width / aspect
            m = BoundingBox(minX: m.minX, minY: m.center.y - h / 2, maxX: m.maxX, maxY: m.center.y + h / 2)
        } else {
            let w = m.height * aspect
            m = BoundingBox(minX: m.center.x - w / 2, minY: m.minY, maxX: m.center.x + w / 2, maxY: m.maxY)
        }
        let cssWidth = Double(width) / pixelRatio
        let zoom = log2(2 * WebMercator.originShift / (m.width / cssWidth) / 256)
        try self.init(bounds: m, width: width, height: height, pixelRatio: pixelRatio, zoom: zoom)
    }

    /// A static map centred on a lon/lat point at a (fractional) zoom level.
    public init(center: Coordinate, zoom: Double, width: Int, height: Int, pixelRatio: Double = 1) throws {
        guard zoom.isFinite, (0...22).contains(zoom) else { throw ViewportError.invalidExtent("zoom \(zoom) is outside 0...22") }
        guard center.isFinite, abs(center.y) <= WebMercator.maxLatitude, abs(center.x) <= 180 else {
            throw ViewportError.invalidExtent("centre \(center.x),\(center.y) is not a lon,lat on the Web Mercator map")
        }
        let c = WebMercator.mercator(fromLonLat: center)
        let resolution = 2 * WebMercator.originShift / 256 / pow(2, zoom) / pixelRatio
        let halfW = Double(width) * resolution / 2, halfH = Double(height) * resolution / 2
        try self.init(bounds: BoundingBox(minX: c.x - halfW, minY: c.y - halfH, maxX: c.x + halfW, maxY: c.y + halfH),
                      width: width, height: height, pixelRatio: pixelRatio, zoom: zoom)
    }

    init(bounds: BoundingBox, width: Int, height: Int, pixelRatio: Double, zoom: Double) throws {
        guard (1...Viewport.maxSide).contains(width), (1...Viewport.maxSide).contains(height) else {
            throw ViewportError.invalidSize(width: width, height: height)
        }
        guard (1...4).contains(pixelRatio) else { throw ViewportError.invalidScale(pixelRatio) }
        guard bounds.width > 0, bounds.height > 0, bounds.width.isFinite, bounds.height.isFinite else {
            throw ViewportError.invalidExtent("empty or infinite bounds")
        }
        self.bounds = bounds
        self.width = width
        self.height = height
        self.pixelRatio = pixelRatio
        self.zoom = zoom
    }
}
