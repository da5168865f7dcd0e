import GeoCore
import GeoProjection
import GeoTopology

/// Incidents, boundary crossings and provinces along a route: the corridor report of a route.
///
/// Method: everything is projected to one metric CRS, `ProjectionChooser.choose(for:)` of the
/// route's extent (UTM when the route fits one zone, else Albers equal-area), or the `crs` the
/// caller gives; distances are planar in that CRS. Within one UTM zone the scale error is under
/// 0.1 %; on Albers for long routes distances along the route can be off by up to about 1–2 %
/// (Albers keeps areas, not lengths).
/// - An incident is in the corridor when its distance to the route is at most `bufferMeters`
///   (the same set as inside a round-capped GEOS buffer of the route). Its distance along the
///   route is that of the nearest route point (the first such point on ties).
/// - Pieces: `CorridorSegmentation`; an incident at distance s is counted in the piece with
///   from ≤ s < to (the last piece also takes s = length).
/// - Crossings: GEOS intersection of the route with each boundary line (an invalid geometry is
///   repaired with `makeValid` and tried once more); point parts only (a
///   route running along a boundary does not cross it).
/// - Provinces: GEOS intersection of the route with each polygon; each line part is a passage
///   from its smaller to its larger distance along; parts of one province that meet within 1 m
///   merge. A route that merely touches a province gives no passage.
public enum CorridorAnalysis {
    /// Analyses a route (longitude/latitude, WGS 84) against incidents and optional layers.
    /// - Parameters:
    ///   - route: the route line, at least two distinct points.
    ///   - incidents: incident positions, longitude/latitude.
    ///   - bufferMeters: corridor half-width in metres, > 0.
    ///   - segmentation: how to cut the route into counted pieces (default every 10 km).
    ///   - boundaries: boundary lines (for example `ca_admin0_boundary_lines_land`), lon/lat.
    ///   - provinces: province polygons, lon/lat; `nameField` (case-insensitive, default `name`)
    ///     names them.
    ///   - crs: the metric CRS to work in; nil (default) lets `ProjectionChooser` pick.
    /// - Throws: `RouteAnalysisError.invalidParameter` for a bad buffer, piece length or route;
    ///   `ProjectionError` from PROJ; `TopologyError` from GEOS.
    public static func analyse(route: LineString, incidents: [Coordinate], bufferMeters: Double,
                               segmentation: CorridorSegmentation = .every(meters: 10_000),
                               boundaries: [Feature] = [], provinces: [Feature] = [], nameField: String = "name",
                               crs: CRS? = nil) throws -> CorridorResult {
        guard bufferMeters.isFinite, bufferMeters > 0 else {
            throw RouteAnalysisError.invalidParameter("corridor buffer \(bufferMeters) m must be finite and positive")
        }
        guard let box = route.coordinates.isEmpty ? nil : BoundingBox(covering: route.coordinates) else {
            throw RouteAnalysisError.invalidParameter("the route has no points")
        }
        let metric = try crs ?? ProjectionChooser.choose(for: box).crs
        let transformer = try Transformer(from: try CRS.wgs84, to: metric)
        var line = route.coordinates
        try transformer.transform(&line)
        let cumulative = SegmentMath.cumulativeLengths(line)
        let length = cumulative.last ?? 0
        guard line.count >= 2, length > 0 else {
            throw RouteAnalysisError.invalidParameter("the route needs at least two distinct points")
        }
        var resolved = segmentation
        if case .atPoints(let points) = segmentation {
            var projected = points
            try transformer.transform(&projected)
            resolved = .breaks(projected.compactMap { p in
                SegmentMath.locate(p, on: line, cumulative: cumulative).flatMap { $0.offset <= 1 ? $0.along : nil }
            })
        }
        let cuts = try pieceBounds(resolved, length: length)

        var found: [CorridorIncident] = []
        var counts = [Int](repeating: 0, count: cuts.count - 1)
        var projected = incidents
        try transformer.transform(&projected)
        for (i, p) in projected.enumerated() {
            guard let hit = SegmentMath.locate(p, on: line, cumulative: cumulative), hit.offset <= bufferMeters else { continue }
            let piece = pieceIndex(of: hit.along, cuts: cuts)
            counts[piece] += 1
            found.append(CorridorIncident(index: i, distanceAlongMeters: hit.along, offsetMeters: hit.offset, segment: piece))
        }
        found.sort { ($0.distanceAlongMeters, $0.index) < ($1.distanceAlongMeters, $1.index) }

        var segments: [CorridorSegment] = []
        for k in 0..<(cuts.count - 1) {
            var piece = SegmentMath.slice(line, cumulative: cumulative, from: cuts[k], to: cuts[k + 1])
            try transformer.transform(&piece, direction: .inverse)
            segments.append(CorridorSegment(index: k, fromMeters: cuts[k], toMeters: cuts[k + 1],
                                            incidentCount: counts[k], line: LineString(piece)))
        }
        let routeGeometry = Geometry.lineString(LineString(line))
        let crossings = try boundaryCrossings(routeGeometry, line, cumulative, boundaries, transformer)
        let passages = try provincePassages(routeGeometry, line, cumulative, provinces, nameField, transformer)
        return CorridorResult(crs: metric.definition, routeLengthMeters: length, incidents: found, segments: segments,
                              crossings: crossings, provinces: passages)
    }

    /// The piece boundaries 0 = c0 < c1 < … < cn = length.
    static func pieceBounds(_ s: CorridorSegmentation, length: Double) throws -> [Double] {
        switch s {
        case .every(let step):
            guard step.isFinite, step > 0 else {
                throw RouteAnalysisError.invalidParameter("corridor piece length \(step) m must be finite and positive")
            }
            guard length / step <= 1_000_000 else {
                throw RouteAnalysisError.invalidParameter("corridor piece length \(step) m gives more than a million pieces")
            }
            var cuts = [0.0]
            var k = 1.0
            while k * step < length { cuts.append(k * step); k += 1 }
            cuts.append(length)
            return cuts
        case .breaks(let values):
            // Breaks closer than 1 mm merge (the same node located twice).
            var cuts = [0.0]
            for v in Set(values.filter { $0.isFinite && $0 > 1e-3 && $0 < length - 1e-3 }).sorted()
            where v - (cuts.last ?? 0) > 1e-3 { cuts.append(v) }
            cuts.append(length)
            return cuts
        case .atPoints:
            throw RouteAnalysisError.invalidParameter("corridor points must be resolved to distances first")
        }
    }

    static func pieceIndex(of s: Double, cuts: [Double]) -> Int {
        var lo = 0, hi = cuts.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if cuts[mid] <= s { lo = mid } else { hi = mid }
        }
        return lo
    }
}
