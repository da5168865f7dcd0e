import GeoCore

/// Turns the content of one `.shp` record (after its 8-byte header) into a geometry.
///
/// Every count is checked against the record's length before anything is allocated, so a
/// hostile record cannot make the reader allocate more than the record's own size.
/// Decisions: NaN or infinite x/y is an error; an M value below -1e38 is "no data" (nil);
/// unclosed polygon rings are closed (as GDAL does) with a warning; a ring with fewer than four
/// positions after closing is an error; MultiPatch records are rejected.
struct ShapefileRecordDecoder {
    let file: String?
    let record: Int

    func error(_ message: String) -> FormatError {
        FormatError(file: file, location: "record \(record)", message)
    }

    /// The geometry (nil for a Null shape or an empty one) and any warnings.
    func decode(_ b: [UInt8]) throws -> (Geometry?, [String]) {
        guard b.count >= 4 else { throw error("record content is \(b.count) bytes, too short for a shape type") }
        let raw = b.int32LE(at: 0)
        guard let type = ShapeType(rawValue: raw) else { throw error("unknown shape type \(raw)") }
        switch type.base {
        case .null: return (nil, [])
        case .multiPatch: throw error("MultiPatch shapes are not supported")
        case .point: return (.point(Point(try point(b, type))), [])
        case .multiPoint:
            let coords = try multiPoint(b, type)
            return (coords.isEmpty ? nil : .multiPoint(MultiPoint(coords.map(Point.init))), [])
        case .polyLine:
            let parts = try partsAndPoints(b, type)
            if parts.isEmpty { return (nil, []) }
            if parts.count == 1 { return (.lineString(LineString(parts[0])), []) }
            return (.multiLineString(MultiLineString(parts.map(LineString.init))), [])
        default:
            var parts = try partsAndPoints(b, type)
            if parts.isEmpty { return (nil, []) }
            var warnings: [String] = []
            for i in parts.indices {
                if !LineString(parts[i]).isClosed, let first = parts[i].first {
                    parts[i].append(first)
                    warnings.append("record \(record): ring \(i) was not closed; closed it")
                }
                if parts[i].count < 4 {
                    throw error("ring \(i) has \(parts[i].count) positions; a polygon ring needs at least 4")
                }
            }
            return (PolygonAssembly.assemble(parts.map(LinearRing.init)), warnings)
        }
    }

    private func checkXY(_ x: Double, _ y: Double) throws {
        guard x.isFinite, y.isFinite else { throw error("coordinate is not a finite number (\(x), \(y))") }
    }

    private func point(_ b: [UInt8], _ type: ShapeType) throws -> Coordinate {
        guard b.count >= 20 else { throw error("point record is \(b.count) bytes, needs 20") }
        let x = b.doubleLE(at: 4), y = b.doubleLE(at: 12)
        try checkXY(x, y)
        var c = Coordinate(x, y)
        if type.hasZ {
            guard b.count >= 28 else { throw error("PointZ record is \(b.count) bytes, needs at least 28") }
            c.z = b.doubleLE(at: 20)
            if b.count >= 36 { c.m = measure(b.doubleLE(at: 28)) }
        } else if type.hasM {
            guard b.count >= 28 else { throw error("PointM record is \(b.count) bytes, needs 28") }
            c.m = measure(b.doubleLE(at: 20))
        }
        return c
    }

    private func measure(_ v: Double) -> Double? { v < -1e38 || v.isNaN ? nil : v }

    private func multiPoint(_ b: [UInt8], _ type: ShapeType) throws -> [Coordinate] {
        guard b.count >= 40 else { throw error("multipoint record is \(b.count) bytes, needs at least 40") }
        let n = Int(b.int32LE(at: 36))
        guard n >= 0 else { throw error("negative point count \(n)") }
        guard n <= (b.count - 40) / 16 else { throw error("declares \(n) points but the record holds at most \((b.count - 40) / 16)") }
        return try coordinates(b, type, count: n, xyOffset: 40)
    }

    /// Reads x/y pairs at `xyOffset`, then the optional Z and M blocks that follow them.
    private func coordinates(_ b: [UInt8], _ type: ShapeType, count n: Int, xyOffset: Int) throws -> [Coordinate] {
        var coords: [Coordinate] = []
        coords.reserveCapacity(n)
        for i in 0..<n {
            let x = b.doubleLE(at: xyOffset + 16 * i), y = b.doubleLE(at: xyOffset + 16 * i + 8)
            try checkXY(x, y)
            coords.append(Coordinate(x, y))
        }
        var next = xyOffset + 16 * n
        let block = 16 + 8 * n
        if type.hasZ {
            guard b.count - next >= block else { throw error("record is \(b.count) bytes, too short for its Z values") }
            for i in 0..<n { coords[i].z = b.doubleLE(at: next + 16 + 8 * i) }
            next += block
        }
        if type.hasM, b.count - next >= block {
            for i in 0..<n { coords[i].m = measure(b.doubleLE(at: next + 16 + 8 * i)) }
        }
        return coords
    }

    /// PolyLine / Polygon body: the points split into parts.
    private func partsAndPoints(_ b: [UInt8], _ type: ShapeType) throws -> [[Coordinate]] {
        guard b.count >= 44 else { throw error("record is \(b.count) bytes, needs at least 44 for parts and points") }
        let numParts = Int(b.int32LE(at: 36)), numPoints = Int(b.int32LE(at: 40))
        guard numParts >= 0 else { throw error("negative part count \(numParts)") }
        guard numPoints >= 0 else { throw error("negative point count \(numPoints)") }
        let room = b.count - 44
        guard numParts <= room / 4, numPoints <= (room - 4 * numParts) / 16 else {
            throw error("declares \(numParts) parts and \(numPoints) points but the record is only \(b.count) bytes")
        }
        if numPoints == 0 { return [] }
        guard numParts > 0 else { throw error("\(numPoints) points but no parts") }
        var starts: [Int] = []
        starts.reserveCapacity(numParts)
        for i in 0..<numParts {
            let s = Int(b.int32LE(at: 44 + 4 * i))
            guard s >= 0, s < numPoints else { throw error("part \(i) starts at point \(s), outside 0..<\(numPoints)") }
            if let prev = starts.last, s < prev { throw error("part \(i) starts at point \(s), before part \(i - 1) (\(prev))") }
            if i == 0, s != 0 { throw error("part 0 starts at point \(s), not 0") }
            starts.append(s)
        }
        let coords = try coordinates(b, type, count: numPoints, xyOffset: 44 + 4 * numParts)
        var parts: [[Coordinate]] = []
        for i in 0..<numParts {
            let end = i + 1 < numParts ? starts[i + 1] : numPoints
            if end > starts[i] { parts.append(Array(coords[starts[i]..<end])) }
        }
        return parts
    }
}
