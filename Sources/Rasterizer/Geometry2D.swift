import Foundation

/// An axis-aligned rectangle in pixels (or path units).
public struct Rect: Sendable, Hashable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.init(minX: x, minY: y, maxX: x + width, maxY: y + height)
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }

    /// True when the rectangles overlap (shared edges count).
    public func intersects(_ o: Rect) -> Bool {
        minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY
    }

    /// The rectangle grown by `d` on every side.
    public func outset(by d: Double) -> Rect {
        Rect(minX: minX - d, minY: minY - d, maxX: maxX + d, maxY: maxY + d)
    }
}

/// A 2-D affine transform: x' = sx·x + kx·y + tx, y' = ky·x + sy·y + ty.
public struct Transform: Sendable, Hashable {
    public var sx: Double, ky: Double, kx: Double, sy: Double, tx: Double, ty: Double

    public init(sx: Double = 1, ky: Double = 0, kx: Double = 0, sy: Double = 1, tx: Double = 0, ty: Double = 0) {
        self.sx = sx
        self.ky = ky
        self.kx = kx
        self.sy = sy
        self.tx = tx
        self.ty = ty
    }

    public static let identity = Transform()

    public static func translate(_ x: Double, _ y: Double) -> Transform { Transform(tx: x, ty: y) }
    public static func scale(_ x: Double, _ y: Double) -> Transform { Transform(sx: x, sy: y) }
    /// Rotation by `radians`, counter-clockwise in a y-up system (clockwise on screen).
    public static func rotate(_ radians: Double) -> Transform {
        let c = cos(radians), s = sin(radians)
        return Transform(sx: c, ky: s, kx: -s, sy: c)
    }

    /// `self` applied after `other` (first `other`, then `self`).
    public func concatenating(_ other: Transform) -> Transform {
        Transform(sx: sx * other.sx + kx * other.ky, ky: ky * other.sx + sy * other.ky,
                  kx: sx * other.kx + kx * other.sy, sy: ky * other.kx + sy * other.sy,
                  tx: sx * other.tx + kx * other.ty + tx, ty: ky * other.tx + sy * other.ty + ty)
    }

    public func apply(_ p: PathPoint) -> PathPoint {
        PathPoint(sx * p.x + kx * p.y + tx, ky * p.x + sy * p.y + ty)
    }

    /// The factor by which the transform scales lengths on average (sqrt of |det|).
    public var meanScale: Double { (abs(sx * sy - kx * ky)).squareRoot() }
}
