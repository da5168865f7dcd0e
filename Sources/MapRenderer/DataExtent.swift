import GeoCore
import GeoProjection

extension MapRenderer {
    /// The longitude/latitude box (W, S, E, N degrees) of all the style's loaded shapefile data,
    /// or nil when the style has none; the default area for seeding tiles.
    public var dataBounds: BoundingBox? {
        let boxes = sources.values.flatMap { $0.features.map(\.bounds) }
        guard var box = boxes.first else { return nil }
        for b in boxes.dropFirst() { box = box.union(b) }
        let sw = WebMercator.lonLat(fromMercator: Coordinate(box.minX, box.minY))
        let ne = WebMercator.lonLat(fromMercator: Coordinate(box.maxX, box.maxY))
        return BoundingBox(minX: sw.x, minY: sw.y, maxX: ne.x, maxY: ne.y)
    }
}
