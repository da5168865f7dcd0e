import GeoCore
import GeoTopology

/// Turns a mask of grid cells into polygons: cells of each row are merged into runs, runs
/// repeated in consecutive rows into rectangles, and the rectangles dissolved by GEOS's
/// cascaded union (`Geometry.unaryUnion`), which returns valid polygons (cells touching only
/// at a corner stay separate polygons or touch at a point, as OGC allows). Coordinates are cell
/// edges: x = originX + j·cellSize, y = originY − i·cellSize.
enum CellPolygonizer {
    /// The union of the cells where `mask` is true (row-major, `layout` size); `.empty` if none.
    /// - Throws: `TopologyError` from GEOS.
    static func polygons(mask: [Bool], layout: DensityGridLayout) throws -> Geometry {
        let w = layout.width, h = layout.height, cs = layout.cellSize
        var rects: [Geometry] = []
        // Open rectangles: run (start, end) → top row.
        var open: [Int: (end: Int, top: Int)] = [:]
        func close(_ start: Int, _ end: Int, _ top: Int, _ bottom: Int) {
            let x0 = layout.originX + Double(start) * cs, x1 = layout.originX + Double(end) * cs
            let y0 = layout.originY - Double(bottom) * cs, y1 = layout.originY - Double(top) * cs
            let ring = LinearRing([Coordinate(x0, y0), Coordinate(x1, y0), Coordinate(x1, y1), Coordinate(x0, y1), Coordinate(x0, y0)])
            rects.append(.polygon(Polygon(exterior: ring)))
        }
        for i in 0...h {
            var runs: [Int: Int] = [:]
            if i < h {
                var j = 0
                while j < w {
                    guard mask[i * w + j] else { j += 1; continue }
                    let start = j
                    while j < w, mask[i * w + j] { j += 1 }
                    runs[start] = j
                }
            }
            var stillOpen: [Int: (end: Int, top: Int)] = [:]
            for (start, r) in open {
                if runs[start] == r.end { stillOpen[start] = r; runs[start] = nil } else { close(start, r.end, r.top, i) }
            }
            for (start, end) in runs { stillOpen[start] = (end, i) }
            open = stillOpen
        }
        return try Geometry.unaryUnion(rects)
    }

    /// The polygons of a polygonal geometry (other parts of a collection are dropped).
    static func parts(_ g: Geometry) -> [Polygon] {
        switch g {
        case .polygon(let p): return p.exterior.coordinates.isEmpty ? [] : [p]
        case .multiPolygon(let m): return m.polygons.filter { !$0.exterior.coordinates.isEmpty }
        case .geometryCollection(let c): return c.geometries.flatMap(parts)
        default: return []
        }
    }
}
