import Foundation

/// One input point of a hotspot analysis: a position in a projected CRS (metres), its weight
/// (1 for a plain count, or a field such as `quantity_kg`) and, for space-time analyses, when
/// it happened. The analysis never reads the store: callers project incidents and hand these over.
public struct AnalysisPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var weight: Double
    public var time: Date?

    public init(x: Double, y: Double, weight: Double = 1, time: Date? = nil) {
        self.x = x
        self.y = y
        self.weight = weight
        self.time = time
    }
}
