import GeoCore

extension IncidentQuery {
    /// Where a backend has to look for a query's incidents, whichever its index.
    enum SearchExtent: Equatable {
        /// No spatial condition.
        case everywhere
        /// Nothing can match (an empty area, an inverted or NaN box, disjoint bbox and area).
        case nowhere
        /// Inside this lon/lat box: `bbox`, narrowed to the bounding box of `area`.
        case box(BoundingBox)
    }

    /// The query's spatial extent, after checking what every backend refuses.
    /// - Throws: `SQLiteIncidentStore.QueryError.unsupportedArea` when `area` is not a Polygon
    ///   or MultiPolygon; `.invalidLimit` for a negative limit.
    func searchExtent() throws -> SearchExtent {
        if let limit, limit < 0 { throw SQLiteIncidentStore.QueryError.invalidLimit(limit) }
        var box = bbox
        if let area {
            switch area {
            case .polygon, .multiPolygon: break
            default: throw SQLiteIncidentStore.QueryError.unsupportedArea(area.typeName)
            }
            guard let areaBox = area.boundingBox else { return .nowhere }
            box = box.map {
                BoundingBox(minX: max($0.minX, areaBox.minX), minY: max($0.minY, areaBox.minY),
                            maxX: min($0.maxX, areaBox.maxX), maxY: min($0.maxY, areaBox.maxY))
            } ?? areaBox
        }
        guard let b = box else { return .everywhere }
        if b.minX > b.maxX || b.minY > b.maxY || [b.minX, b.minY, b.maxX, b.maxY].contains(where: \.isNaN) { return .nowhere }
        return .box(b)
    }
}
