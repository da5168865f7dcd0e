import Foundation

/// An axis-aligned rectangle in the units of its coordinates (degrees or metres).
///
/// `minX <= maxX` and `minY <= maxY` hold for every box built through the initialisers below;
/// a box may be degenerate (a point or a line).
public struct BoundingBox: Sendable, Hashable, CustomStringConvertible {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    /// Creates a box from its edges, ordering them if given the wrong way round.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = Swift.min(minX, maxX)
        self.maxX = Swift.max(minX, maxX)
        self.minY = Swift.min(minY, maxY)
        self.maxY = Swift.max(minY, maxY)
    }

    /// The smallest box holding every coordinate, or nil for an empty sequence.
    public init?<S: Sequence>(covering coordinates: S) where S.Element == Coordinate {
        var it = coordinates.makeIterator()
        guard let first = it.next() else { return nil }
        var box = (first.x, first.y, first.x, first.y)
        while let c = it.next() {
            if c.x < box.0 { box.0 = c.x }
            if c.y < box.1 { box.1 = c.y }
            if c.x > box.2 { box.2 = c.x }
            if c.y > box.3 { box.3 = c.y }
        }
        self.init(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3)
    }

    /// Parses `W,S,E,N` (four comma-separated numbers), as used on the command line and in URLs.
    /// Returns nil when the text is not four finite numbers or when W > E or S > N.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let w = parts[0], let s = parts[1], let e = parts[2], let n = parts[3],
              w.isFinite, s.isFinite, e.isFinite, n.isFinite, w <= e, s <= n else { return nil }
        self.init(minX: w, minY: s, maxX: e, maxY: n)
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
    public var center: Coordinate { Coordinate((minX + maxX) / 2, (minY + maxY) / 2) }

    /// The smallest box holding both.
    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
                    maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    /// True when the boxes share at least one point (touching edges count).
    public func intersects(_ other: BoundingBox) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    /// The overlap of the two boxes, or nil when they are disjoint.
    public func intersection(_ other: BoundingBox) -> BoundingBox? {
        guard intersects(other) else { return nil }
        return BoundingBox(minX: Swift.max(minX, other.minX), minY: Swift.max(minY, other.minY),
                           maxX: Swift.min(maxX, other.maxX), maxY: Swift.min(maxY, other.maxY))
    }

    /// True when `c` lies inside or on the edge.
    public func contains(_ c: Coordinate) -> Bool {
        c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY
    }

    /// True when `other` lies wholly inside or on the edge.
    public func contains(_ other: BoundingBox) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    /// The box grown by `margin` on every side (shrunk when negative, never past its centre).
    public func expanded(by margin: Double) -> BoundingBox {
        let c = center
        return BoundingBox(minX: Swift.min(minX - margin, c.x), minY: Swift.min(minY - margin, c.y),
                           maxX: Swift.max(maxX + margin, c.x), maxY: Swift.max(maxY + margin, c.y))
    }

    public var description: String { "\(minX),\(minY),\(maxX),\(maxY)" }
}
