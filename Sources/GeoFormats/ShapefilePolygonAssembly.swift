import GeoCore

/// Groups shapefile polygon rings into polygons the way GDAL's shapefile driver does.
///
/// Clockwise rings are shells and counter-clockwise rings are holes (the shapefile rule). Each
/// hole goes to the smallest shell (by area) whose bounding box contains the hole's and that
/// contains a vertex of the hole not on the shell's boundary; a hole that no shell contains is
/// kept as a shell of its own. A single ring is always a polygon, whatever its orientation.
/// One shell gives a `Polygon`, several a `MultiPolygon`, shells in file order, then orphans.
///
/// The containment search is quadratic, so a hostile record could make it run for minutes. It
/// therefore has a budget of 50 million steps (bounding-box tests plus shell vertices scanned,
/// about 0.1 s); past it, each hole goes to the nearest shell before it in file order (the order
/// ESRI software writes), which is linear.
enum PolygonAssembly {
    static let budget = 50_000_000

    private struct Shell {
        var ring: LinearRing
        var box: BoundingBox?
        var area: Double
        var holes: [LinearRing] = []
        var vertices: Set<[Double]>?
    }

    static func assemble(_ rings: [LinearRing]) -> Geometry {
        if rings.count == 1 { return .polygon(Polygon(exterior: rings[0])) }
        var shells: [Shell] = []
        var holes: [(ring: LinearRing, afterShell: Int?)] = []
        for r in rings {
            if r.isCounterClockwise {
                holes.append((r, shells.isEmpty ? nil : shells.count - 1))
            } else {
                shells.append(Shell(ring: r, box: BoundingBox(covering: r.coordinates), area: abs(r.signedArea)))
            }
        }
        let organised = byContainment(shells, holes.map(\.ring)) ?? byOrder(shells, holes)
        if organised.count == 1 { return .polygon(organised[0]) }
        return .multiPolygon(MultiPolygon(organised))
    }

    /// The containment rule; nil when the work budget runs out.
    private static func byContainment(_ input: [Shell], _ holes: [LinearRing]) -> [Polygon]? {
        var shells = input
        var work = 0
        var orphans: [LinearRing] = []
        for h in holes {
            let hb = BoundingBox(covering: h.coordinates)
            var best: Int?
            for i in shells.indices {
                work += 1
                guard let sb = shells[i].box, let hb, sb.contains(hb) else { continue }
                if let b = best, shells[b].area <= shells[i].area { continue }
                work += 2 * shells[i].ring.coordinates.count
                if work > budget { return nil }
                if shells[i].vertices == nil { shells[i].vertices = Set(shells[i].ring.coordinates.map { [$0.x, $0.y] }) }
                let shared = shells[i].vertices ?? []
                let probe = h.coordinates.first { !shared.contains([$0.x, $0.y]) } ?? h.coordinates[0]
                if shells[i].ring.contains(probe) { best = i }
            }
            if work > budget { return nil }
            if let best { shells[best].holes.append(h) } else { orphans.append(h) }
        }
        return shells.map { Polygon(exterior: $0.ring, holes: $0.holes) } + orphans.map { Polygon(exterior: $0) }
    }

    /// The fallback: each hole joins the shell written before it (a hole before any shell is
    /// a shell of its own).
    private static func byOrder(_ input: [Shell], _ holes: [(ring: LinearRing, afterShell: Int?)]) -> [Polygon] {
        var shells = input
        var orphans: [LinearRing] = []
        for h in holes {
            if let i = h.afterShell { shells[i].holes.append(h.ring) } else { orphans.append(h.ring) }
        }
        return shells.map { Polygon(exterior: $0.ring, holes: $0.holes) } + orphans.map { Polygon(exterior: $0) }
    }
}
