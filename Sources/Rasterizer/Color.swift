/// A straight-alpha (not premultiplied) sRGB colour with 8-bit channels.
public struct Color: Sendable, Hashable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public var a: UInt8

    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    public static let black = Color(r: 0, g: 0, b: 0)
    public static let white = Color(r: 255, g: 255, b: 255)
    public static let transparent = Color(r: 0, g: 0, b: 0, a: 0)

    /// Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa` (case-insensitive); nil otherwise.
    public init?(hex text: String) {
        var digits = Substring(text)
        guard digits.first == "#" else { return nil }
        digits = digits.dropFirst()
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        let expanded: String
        switch digits.count {
        case 3, 4: expanded = digits.map { "\($0)\($0)" }.joined()
        case 6, 8: expanded = String(digits)
        default: return nil
        }
        guard let v = UInt64(expanded, radix: 16) else { return nil }
        if expanded.count == 6 {
            self.init(r: UInt8(v >> 16 & 0xFF), g: UInt8(v >> 8 & 0xFF), b: UInt8(v & 0xFF))
        } else {
            self.init(r: UInt8(v >> 24 & 0xFF), g: UInt8(v >> 16 & 0xFF), b: UInt8(v >> 8 & 0xFF), a: UInt8(v & 0xFF))
        }
    }

    /// The colour with its alpha multiplied by `opacity` (clamped to 0...1).
    public func withOpacity(_ opacity: Double) -> Color {
        let o = min(1, max(0, opacity.isNaN ? 0 : opacity))
        return Color(r: r, g: g, b: b, a: UInt8((Double(a) * o).rounded()))
    }

    /// `#rrggbb` or `#rrggbbaa` when not opaque.
    public var description: String {
        func h(_ v: UInt8) -> String { v < 16 ? "0" + String(v, radix: 16) : String(v, radix: 16) }
        return "#" + h(r) + h(g) + h(b) + (a == 255 ? "" : h(a))
    }
}
