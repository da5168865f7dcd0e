import GeoCore

/// A feature ready to draw: its geometry in EPSG:3857 metres as flat parts, its attributes, and
/// its bounding box. Parts are rings (for areas, shells and holes alike: areas fill even-odd),
/// lines, or single points.
struct ProjectedFeature: Sendable {
    enum Kind: Sendable { case point, line, area }

    let kind: Kind
    /// Coordinates of each part, interleaved x, y in metres.
    let parts: [[Double]]
    let properties: [String: PropertyValue]
    let bounds: BoundingBox
    /// The index of the feature in its source (its stable identity for label placement).
    let index: Int

    /// Flattens a geometry; nil for an empty one. Collections keep the kind of their highest
    /// dimension and drop lower-dimension members (a layer draws one kind).
    init?(geometry: Geometry, properties: [String: PropertyValue], index: Int, project: (Coordinate) -> Coordinate) {
        var parts: [[Double]] = []
        func add(_ coords: [Coordinate]) {
            var flat: [Double] = []
            flat.reserveCapacity(coords.count * 2)
            for c in coords {
                let p = project(c)
                flat.append(p.x)
                flat.append(p.y)
            }
            if !flat.isEmpty { parts.append(flat) }
        }
        let kind: Kind
        switch geometry.dimension {
        case 0: kind = .point
        case 1: kind = .line
        case 2: kind = .area
        default: return nil
        }
        func collect(_ g: Geometry) {
            switch g {
            case .point(let p) where kind == .point: add([p.coordinate])
            case .multiPoint(let m) where kind == .point: for p in m.points { add([p.coordinate]) }
            case .lineString(let l) where kind == .line: add(l.coordinates)
            case .multiLineString(let m) where kind == .line: for l in m.lineStrings { add(l.coordinates) }
            case .polygon(let p) where kind == .area: for r in p.rings { add(r.coordinates) }
            case .multiPolygon(let m) where kind == .area: for p in m.polygons { for r in p.rings { add(r.coordinates) } }
            case .geometryCollection(let c): for member in c.geometries { collect(member) }
            default: break
            }
        }
        collect(geometry)
        guard !parts.isEmpty else { return nil }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for part in parts {
            var i = 0
            while i < part.count {
                minX = min(minX, part[i]); maxX = max(maxX, part[i])
                minY = min(minY, part[i + 1]); maxY = max(maxY, part[i + 1])
                i += 2
            }
        }
        self.kind = kind
        self.parts = parts
        self.properties = properties
        self.bounds = BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        self.index = index
    }

    private init(kind: Kind, parts: [[Double]], properties: [String: PropertyValue], bounds: BoundingBox, index: Int) {
        self.kind = kind
        self.parts = parts
        self.properties = properties
        self.bounds = bounds
        self.index = index
    }

    /// The feature with its parts simplified to `tolerance` metres (Douglas-Peucker); rings and
    /// lines that shrink below `tolerance` across are dropped. Points are returned unchanged.
    func simplified(tolerance: Double) -> ProjectedFeature? {
        guard kind != .point, tolerance > 0 else { return self }
        var out: [[Double]] = []
        for part in parts {
            if kind == .area {
                var b = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
                var i = 0
                while i < part.count {
                    b = (min(b.0, part[i]), min(b.1, part[i + 1]), max(b.2, part[i]), max(b.3, part[i + 1]))
                    i += 2
                }
                if b.2 - b.0 < tolerance && b.3 - b.1 < tolerance { continue }
            }
            let s = DouglasPeucker.simplify(part, tolerance: tolerance)
            if s.count >= (kind == .area ? 8 : 4) { out.append(s) }
        }
        guard !out.isEmpty else { return nil }
        return ProjectedFeature(kind: kind, parts: out, properties: properties, bounds: bounds, index: index)
    }
}
