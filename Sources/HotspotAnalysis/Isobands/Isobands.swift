import GeoCore
import GeoTopology

/// Hotspot polygons: the areas of a density surface in each class of a `ClassBreaks`.
///
/// Method: cell classes are polygonised (`CellPolygonizer`: the cells whose density falls in
/// the class, dissolved with GEOS), so band edges follow cell edges; polygons are then
/// simplified with GEOS's topology-preserving simplification at `simplifyTolerance` and
/// repaired with `makeValid` if GEOS still reports them invalid. Where the surface dips inside
/// a band, the band has a hole (filled by a polygon of the lower class when that class is
/// output). Cells without data (no kernel reaches) belong to no class.
///
/// One feature per polygon (a connected part of a class), in the surface's CRS, properties:
/// `class` (1 = lowest), `value_min` and `value_max` (the class's bounds: thresholds, or the
/// surface's minimum/maximum for the outer classes), `incident_count` and `weight_sum` of the
/// points inside (GeoTopology `PreparedGeometry.covers`; a point on the edge of two polygons
/// counts once, for the first in class order). Class 1 (values up to the first threshold, the
/// background of every kernel's footprint) is left out unless `includeLowestClass`.
public enum Isobands {
    /// - Parameters:
    ///   - surface: the density grid.
    ///   - breaks: its class breaks (e.g. `ClassBreaks(values: surface.dataValues, method:)`).
    ///   - points: the incidents counted per polygon, same CRS as the surface.
    ///   - simplifyTolerance: CRS units; nil means half a cell; 0 keeps the cell edges.
    ///   - includeLowestClass: also output class 1.
    /// - Throws: `TopologyError` from GEOS.
    public static func polygons(surface: DensitySurface, breaks: ClassBreaks, points: [AnalysisPoint] = [],
                                simplifyTolerance: Double? = nil, includeLowestClass: Bool = false) throws -> [Feature] {
        let layout = surface.layout
        let classes = surface.values.map { $0 != 0 ? breaks.classOf($0) : 0 }
        let tolerance = simplifyTolerance ?? layout.cellSize / 2
        var parts: [(cls: Int, polygon: Polygon)] = []
        let first = includeLowestClass ? 1 : 2
        for c in stride(from: first, through: breaks.classCount, by: 1) {
            let mask = classes.map { $0 == c }
            guard mask.contains(true) else { continue }
            var g = try CellPolygonizer.polygons(mask: mask, layout: layout)
            if tolerance > 0 {
                g = try g.topologyPreservingSimplify(tolerance: tolerance)
                if try !g.isValid() { g = try g.makeValid() }
            }
            parts += CellPolygonizer.parts(g).map { (c, $0) }
        }
        var counts = [Int](repeating: 0, count: parts.count)
        var weights = [Double](repeating: 0, count: parts.count)
        if !points.isEmpty, !parts.isEmpty {
            let prepared = try parts.map { try PreparedGeometry(.polygon($0.polygon)) }
            let tree = STRtree(geometries: parts.map { .polygon($0.polygon) })
            for p in points {
                let hits = tree.query(BoundingBox(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y))
                for k in hits.sorted(by: { (parts[$0].cls, $0) < (parts[$1].cls, $1) }) where try prepared[k].covers(x: p.x, y: p.y) {
                    counts[k] += 1
                    weights[k] += p.weight
                    break
                }
            }
        }
        return parts.indices.map { k in
            let c = parts[k].cls
            let lower = c == 1 ? breaks.minimum : breaks.thresholds[c - 2]
            let upper = c == breaks.classCount ? breaks.maximum : breaks.thresholds[c - 1]
            return Feature(id: .integer(Int64(k + 1)), geometry: .polygon(parts[k].polygon), properties: [
                "class": .integer(Int64(c)), "value_min": .double(lower), "value_max": .double(upper),
                "incident_count": .integer(Int64(counts[k])), "weight_sum": .double(weights[k]),
            ])
        }
    }
}
