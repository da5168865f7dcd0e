/// The unit of kernel density output, for points in projected metres.
public enum DensityUnit: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Weight per square kilometre (ArcGIS's default for metre input): the per-m² value × 1e6.
    case perSquareKilometre = "km2"
    /// Weight per square metre (the kernel's own unit on metre input).
    case perSquareMetre = "m2"
    /// Expected weight (count) in each cell: the per-m² density × the cell area (cellSize²),
    /// the same approximation ArcGIS's "expected counts" output makes (value at the cell centre
    /// times the area, not the kernel integrated over the cell).
    case countPerCell = "counts"

    /// Parses `km2`, `m2` or `counts` (the command line's `--units`).
    public init?(name: String) { self.init(rawValue: name.lowercased()) }

    public var description: String {
        switch self {
        case .perSquareKilometre: "per km²"
        case .perSquareMetre: "per m²"
        case .countPerCell: "per cell"
        }
    }

    /// The factor applied to a per-m² density for a grid of `cellSize` metres.
    public func factor(cellSize: Double) -> Double {
        switch self {
        case .perSquareKilometre: 1e6
        case .perSquareMetre: 1
        case .countPerCell: cellSize * cellSize
        }
    }
}
