import GeoCore
import GeoTopology

/// The two countries either side of a border crossing: A3 codes and names.
struct CountrySides: Hashable {
    var codeA: String
    var nameA: String
    var codeB: String
    var nameB: String

    init(codeA: String, nameA: String, codeB: String, nameB: String) {
        self.codeA = codeA
        self.nameA = nameA
        self.codeB = codeB
        self.nameB = nameB
    }

    /// From a Natural Earth boundary line's `ADM0_A3_L`/`ADM0_A3_R` and `ADM0_LEFT`/`ADM0_RIGHT`;
    /// nil when the line has neither code.
    init?(boundary: Feature) {
        let codeA = boundary.value(named: "ADM0_A3_L")?.description ?? ""
        let codeB = boundary.value(named: "ADM0_A3_R")?.description ?? ""
        guard !codeA.isEmpty || !codeB.isEmpty else { return nil }
        self.init(codeA: codeA, nameA: boundary.value(named: "ADM0_LEFT")?.description ?? "",
                  codeB: codeB, nameB: boundary.value(named: "ADM0_RIGHT")?.description ?? "")
    }
}

/// Point-in-polygon lookup of countries, for boundary lines that do not name their sides.
struct CountryLocator {
    var indexes: [(index: PointInAreaIndex, code: String, name: String)] = []

    init(_ countries: FeatureCollection) {
        for f in countries.features {
            guard let g = f.geometry, let index = PointInAreaIndex(g) else { continue }
            let code = f.value(named: "ISO_A3").map(\.description).flatMap { $0 == "-99" ? nil : $0 }
                ?? f.value(named: "ADM0_A3")?.description ?? ""
            let name = f.value(named: "ADMIN")?.description ?? f.value(named: "NAME")?.description ?? ""
            indexes.append((index, code, name))
        }
    }

    /// The country containing `c`, or nil.
    func country(at c: Coordinate) -> (code: String, name: String)? {
        for e in indexes {
            if let loc = e.index.locate(x: c.x, y: c.y), loc != .exterior { return (e.code, e.name) }
        }
        return nil
    }

    /// The countries `step` before and after `point` along the road part passing through it.
    func sides(of point: Coordinate, along road: Geometry, step: Double) -> CountrySides? {
        let parts: [[Coordinate]]
        switch road {
        case .lineString(let l): parts = [l.coordinates]
        case .multiLineString(let m): parts = m.lineStrings.map(\.coordinates)
        default: return nil
        }
        // The segment nearest to the point carries it.
        var best: (a: Coordinate, b: Coordinate, d: Double)?
        for part in parts where part.count >= 2 {
            for i in 1..<part.count {
                let d = SegmentMath.distance(point, part[i - 1], part[i])
                if d < (best?.d ?? .infinity) { best = (part[i - 1], part[i], d) }
            }
        }
        guard let seg = best else { return nil }
        let dx = seg.b.x - seg.a.x, dy = seg.b.y - seg.a.y
        let len = (dx * dx + dy * dy).squareRoot()
        guard len > 0 else { return nil }
        let before = Coordinate(point.x - dx / len * step, point.y - dy / len * step)
        let after = Coordinate(point.x + dx / len * step, point.y + dy / len * step)
        let a = country(at: before), b = country(at: after)
        guard a != nil || b != nil else { return nil }
        return CountrySides(codeA: a?.code ?? "", nameA: a?.name ?? "", codeB: b?.code ?? "", nameB: b?.name ?? "")
    }
}
