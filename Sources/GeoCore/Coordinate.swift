/// A position: `x`/`y` (longitude/latitude in degrees, or easting/northing in metres in a
/// projected CRS), with an optional elevation `z` and measure `m`.
///
/// Two coordinates are equal when their components are equal; a missing `z` or `m` only equals
/// another missing one.
public struct Coordinate: Sendable, Hashable, CustomStringConvertible {
    /// Easting or longitude.
    public var x: Double
    /// Northing or latitude.
    public var y: Double
    /// Elevation, when the data has a third dimension.
    public var z: Double?
    /// Measure (shapefile `M`), when present.
    public var m: Double?

    /// Creates a coordinate; `z` and `m` default to absent.
    public init(x: Double, y: Double, z: Double? = nil, m: Double? = nil) {
        self.x = x
        self.y = y
        self.z = z
        self.m = m
    }

    /// Shorthand for a 2-D coordinate.
    public init(_ x: Double, _ y: Double) {
        self.init(x: x, y: y)
    }

    /// True when `x` and `y` are finite (not NaN or infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite }

    public var description: String {
        var s = "(\(x) \(y)"
        if let z { s += " z=\(z)" }
        if let m { s += " m=\(m)" }
        return s + ")"
    }
}
