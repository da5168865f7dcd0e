import GeoCore
import GeoProjection
import GeoTopology

extension CorridorAnalysis {
    /// Crossings of the projected route with each boundary line (see `analyse`).
    static func boundaryCrossings(_ route: Geometry, _ line: [Coordinate], _ cumulative: [Double],
                                  _ boundaries: [Feature], _ transformer: Transformer) throws -> [CorridorBoundaryCrossing] {
        var out: [CorridorBoundaryCrossing] = []
        for (b, f) in boundaries.enumerated() {
            guard let g = f.geometry, g.dimension == 1 else { continue }
            let cut = try BorderCrossings.robustIntersection(route, try g.mapCoordinates { try transformer.transform($0) })
            for p in BorderCrossings.crossingPoints(cut) {
                guard let hit = SegmentMath.locate(p, on: line, cumulative: cumulative) else { continue }
                out.append(CorridorBoundaryCrossing(distanceAlongMeters: hit.along,
                                                    coordinate: try transformer.transform(p, direction: .inverse),
                                                    boundaryIndex: b))
            }
        }
        return out.sorted { ($0.distanceAlongMeters, $0.boundaryIndex) < ($1.distanceAlongMeters, $1.boundaryIndex) }
    }

    /// Passages of the projected route through each province polygon (see `analyse`).
    static func provincePassages(_ route: Geometry, _ line: [Coordinate], _ cumulative: [Double], _ provinces: [Feature],
                                 _ nameField: String, _ transformer: Transformer) throws -> [CorridorProvincePassage] {
        var out: [CorridorProvincePassage] = []
        for (k, f) in provinces.enumerated() {
            guard let g = f.geometry, g.dimension == 2 else { continue }
            let cut = try BorderCrossings.robustIntersection(route, try g.mapCoordinates { try transformer.transform($0) })
            var spans: [(Double, Double)] = []
            for part in lineParts(cut) {
                guard let first = part.first, let last = part.last,
                      let a = SegmentMath.locate(first, on: line, cumulative: cumulative),
                      let b = SegmentMath.locate(last, on: line, cumulative: cumulative) else { continue }
                let span = (min(a.along, b.along), max(a.along, b.along))
                if span.1 > span.0 { spans.append(span) }
            }
            spans.sort { $0.0 < $1.0 }
            var merged: [(Double, Double)] = []
            for s in spans {
                if let last = merged.last, s.0 - last.1 <= 1 { merged[merged.count - 1].1 = max(last.1, s.1) } else { merged.append(s) }
            }
            let name = f.value(named: nameField)?.description ?? ""
            for s in merged { out.append(CorridorProvincePassage(name: name, provinceIndex: k, entryMeters: s.0, exitMeters: s.1)) }
        }
        return out.sorted { ($0.entryMeters, $0.provinceIndex) < ($1.entryMeters, $1.provinceIndex) }
    }

    static func lineParts(_ g: Geometry) -> [[Coordinate]] {
        switch g {
        case .lineString(let l): [l.coordinates]
        case .multiLineString(let m): m.lineStrings.map(\.coordinates)
        case .geometryCollection(let c): c.geometries.flatMap(lineParts)
        default: []
        }
    }
}
