/// An image of premultiplied RGBA8 pixels (row-major, top row first, 4 bytes per pixel).
/// A pixmap of zero size cannot be made. Pixels are un-premultiplied only when encoded
/// (`PNGCodec`) or read through `color(x:y:)`.
public struct Pixmap: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// Premultiplied R, G, B, A bytes, `width * height * 4` of them.
    public var data: [UInt8]

    /// The largest side accepted, in pixels; keeps a hostile size from allocating without bound.
    public static let maxSide = 32_768

    /// A transparent pixmap, or nil when a side is not in 1...`maxSide`.
    public init?(width: Int, height: Int) {
        guard (1...Pixmap.maxSide).contains(width), (1...Pixmap.maxSide).contains(height) else { return nil }
        self.width = width
        self.height = height
        data = [UInt8](repeating: 0, count: width * height * 4)
    }

    /// Wraps existing premultiplied bytes; nil when the sizes disagree or are out of range.
    public init?(width: Int, height: Int, premultipliedData: [UInt8]) {
        guard (1...Pixmap.maxSide).contains(width), (1...Pixmap.maxSide).contains(height),
              premultipliedData.count == width * height * 4 else { return nil }
        self.width = width
        self.height = height
        data = premultipliedData
    }

    /// Sets every pixel to `color`.
    public mutating func fill(_ color: Color) {
        let p = PremultipliedColor(color)
        data.withUnsafeMutableBufferPointer { buf in
            var i = 0
            while i < buf.count {
                buf[i] = p.r; buf[i + 1] = p.g; buf[i + 2] = p.b; buf[i + 3] = p.a
                i += 4
            }
        }
    }

    /// The straight-alpha colour at (x, y); nil outside the pixmap.
    public func color(x: Int, y: Int) -> Color? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = (y * width + x) * 4
        return PremultipliedColor(r: data[i], g: data[i + 1], b: data[i + 2], a: data[i + 3]).unpremultiplied
    }
}

/// A premultiplied RGBA8 colour (each of r, g, b <= a).
public struct PremultipliedColor: Sendable, Hashable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public var a: UInt8

    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    /// Premultiplies a straight colour, rounding to nearest.
    public init(_ c: Color) {
        func mul(_ v: UInt8) -> UInt8 { UInt8((UInt32(v) * UInt32(c.a) + 127) / 255) }
        self.init(r: mul(c.r), g: mul(c.g), b: mul(c.b), a: c.a)
    }

    /// The straight-alpha colour, rounding to nearest; transparent black when a = 0.
    public var unpremultiplied: Color {
        guard a > 0 else { return .transparent }
        func div(_ v: UInt8) -> UInt8 { UInt8(min(255, (UInt32(v) * 255 + UInt32(a) / 2) / UInt32(a))) }
        return Color(r: div(r), g: div(g), b: div(b), a: a)
    }
}
