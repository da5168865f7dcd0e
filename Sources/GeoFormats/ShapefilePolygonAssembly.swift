import GeoCore

/// Groups shapefile polygon rings into polygons the way GDAL's shapefile driver does.
///
/// Clockwise rings are shells and counter-clockwise rings are holes (the shapefile rule). Each
/// hole goes to the smallest shell (by area) whose bounding box contains the hole's and that
/// contains a vertex of the hole not on the shell's boundary; a hole that no shell contains is
/// kept as a shell of its own. A single ring is always a polygon, whatever its orientation.
/// One shell gives a `Polygon`, several a `MultiPolygon`, in file order.
enum PolygonAssembly {
    static func assemble(_ rings: [LinearRing]) -> Geometry {
        if rings.count == 1 { return .polygon(Polygon(exterior: rings[0])) }
        var shells: [(ring: LinearRing, box: BoundingBox?, area: Double, holes: [LinearRing])] = []
        var holes: [LinearRing] = []
        for r in rings {
            if r.isCounterClockwise {
                holes.append(r)
            } else {
                shells.append((r, BoundingBox(covering: r.coordinates), abs(r.signedArea), []))
            }
        }
        var orphans: [LinearRing] = []
        for h in holes {
            let hb = BoundingBox(covering: h.coordinates)
            var best: Int?
            for (i, s) in shells.enumerated() {
                guard let sb = s.box, let hb, sb.contains(hb) else { continue }
                guard contains(shell: s.ring, hole: h) else { continue }
                if best == nil || s.area < shells[best ?? i].area { best = i }
            }
            if let best { shells[best].holes.append(h) } else { orphans.append(h) }
        }
        var polygons = shells.map { Polygon(exterior: $0.ring, holes: $0.holes) }
        polygons += orphans.map { Polygon(exterior: $0) }
        if polygons.count == 1 { return .polygon(polygons[0]) }
        return .multiPolygon(MultiPolygon(polygons))
    }

    /// True when the first vertex of `hole` that is not a vertex of `shell` lies inside `shell`
    /// (falls back to the first vertex when all are shared).
    private static func contains(shell: LinearRing, hole: LinearRing) -> Bool {
        let shellVertices = Set(shell.coordinates.map { [$0.x, $0.y] })
        let probe = hole.coordinates.first { !shellVertices.contains([$0.x, $0.y]) } ?? hole.coordinates[0]
        return shell.contains(probe)
    }
}
