/// Something that maps coordinates from one CRS to another in place, such as GeoProjection's
/// `Transformer`. Formats take one of these so they need not depend on PROJ.
public protocol CoordinateTransforming {
    /// Transforms every coordinate in place (x = longitude / easting, y = latitude / northing).
    /// - Throws: when any coordinate cannot be transformed; the array is then unspecified.
    func transform(_ coordinates: inout [Coordinate]) throws
}

extension Geometry {
    /// The geometry with all coordinates passed through `transformer` in one batch per geometry.
    public func transformed(by transformer: some CoordinateTransforming) throws -> Geometry {
        var flat: [Coordinate] = []
        flat.reserveCapacity(coordinateCount)
        forEachCoordinate { flat.append($0) }
        try transformer.transform(&flat)
        var index = 0
        return mapCoordinates { _ in
            defer { index += 1 }
            return flat[index]
        }
    }
}
