/// Errors of least-cost analysis on cost grids, each naming what the caller can fix.
public enum LeastCostError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No source was given.
    case noSource
    /// Source `index` (from 0) lies outside the cost grid.
    case sourceOutsideGrid(index: Int)
    /// Source `index` (from 0) lies on a cell that cannot be crossed (nodata, NaN or +infinity).
    case sourceOnImpassableCell(index: Int, row: Int, column: Int)
    /// A cell holds a negative (or -infinity) cost.
    case negativeCost(row: Int, column: Int, value: Float)
    /// The destination lies outside the grid.
    case destinationOutsideGrid
    /// No passable path joins any source to the destination.
    case destinationUnreachable(row: Int, column: Int)
    /// A parameter is out of range (name and reason).
    case invalidParameter(String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .noSource: "least-cost analysis needs at least one source point"
        case .sourceOutsideGrid(let i): "source \(i + 1) lies outside the cost grid"
        case .sourceOnImpassableCell(let i, let r, let c):
            "source \(i + 1) lies on cell (row \(r), column \(c)), which is impassable (nodata, NaN or infinite cost)"
        case .negativeCost(let r, let c, let v):
            "cost grid cell (row \(r), column \(c)) holds \(v); costs must be zero or positive (use nodata or +infinity for impassable)"
        case .destinationOutsideGrid: "the destination lies outside the cost grid"
        case .destinationUnreachable(let r, let c):
            "no passable path reaches the destination cell (row \(r), column \(c)) from any source"
        case .invalidParameter(let why): why
        }
    }
}
