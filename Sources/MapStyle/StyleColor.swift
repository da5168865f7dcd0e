import Foundation

/// A colour in a style: straight (not premultiplied) RGBA, each channel 0...1.
///
/// The renderer converts it to its own colour type. Parsing accepts the CSS forms MapLibre
/// accepts: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`, `rgba()`, `hsl()`, `hsla()`
/// (comma or space separated, percentages allowed) and the CSS named colours, case-insensitive.
public struct StyleColor: Sendable, Hashable, CustomStringConvertible {
    /// Red, 0...1.
    public var red: Double
    /// Green, 0...1.
    public var green: Double
    /// Blue, 0...1.
    public var blue: Double
    /// Opacity, 0 (transparent) ... 1 (opaque).
    public var alpha: Double

    /// Creates a colour; channels are clamped to 0...1.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        func clamp(_ v: Double) -> Double { v.isNaN ? 0 : Swift.min(1, Swift.max(0, v)) }
        self.red = clamp(red)
        self.green = clamp(green)
        self.blue = clamp(blue)
        self.alpha = clamp(alpha)
    }

    /// Creates a colour from 0-255 channels and an alpha 0...1.
    public init(red8: Int, green8: Int, blue8: Int, alpha: Double = 1) {
        self.init(red: Double(red8) / 255, green: Double(green8) / 255, blue: Double(blue8) / 255, alpha: alpha)
    }

    /// Opaque black, MapLibre's default for most colour properties.
    public static let black = StyleColor(red: 0, green: 0, blue: 0)
    /// Fully transparent black.
    public static let transparent = StyleColor(red: 0, green: 0, blue: 0, alpha: 0)

    /// Channels rounded to 0-255 (alpha too), straight alpha.
    public var rgba8: (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
        func q(_ v: Double) -> UInt8 { UInt8((v * 255).rounded()) }
        return (q(red), q(green), q(blue), q(alpha))
    }

    /// `rgba(r,g,b,a)` with 0-255 channels, as MapLibre's `to-string` prints colours.
    public var description: String {
        let c = rgba8
        return "rgba(\(c.red),\(c.green),\(c.blue),\(StyleJSON.format(alpha)))"
    }

    /// Interpolates between two colours at `t` (0 gives `a`, 1 gives `b`) in premultiplied RGB,
    /// as MapLibre's `interpolate` does for colours.
    public static func interpolate(_ a: StyleColor, _ b: StyleColor, _ t: Double) -> StyleColor {
        func mix(_ x: Double, _ y: Double) -> Double { x + (y - x) * t }
        let alpha = mix(a.alpha, b.alpha)
        guard alpha > 0 else { return StyleColor(red: 0, green: 0, blue: 0, alpha: 0) }
        return StyleColor(red: mix(a.red * a.alpha, b.red * b.alpha) / alpha,
                          green: mix(a.green * a.alpha, b.green * b.alpha) / alpha,
                          blue: mix(a.blue * a.alpha, b.blue * b.alpha) / alpha,
                          alpha: alpha)
    }

    /// Parses a CSS colour string; nil when it is not one.
    public init?(css text: String) {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if s.hasPrefix("#") {
            guard let c = StyleColor.parseHex(String(s.dropFirst())) else { return nil }
            self = c
        } else if let open = s.firstIndex(of: "("), s.hasSuffix(")") {
            let fn = String(s[..<open]).trimmingCharacters(in: .whitespaces)
            let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
            let parts = inner.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "/" }).map(String.init)
            guard let c = StyleColor.parseFunction(fn, parts) else { return nil }
            self = c
        } else if let c = cssNamedColors[s] {
            self = c
        } else {
            return nil
        }
    }

    private static func parseHex(_ h: String) -> StyleColor? {
        guard h.allSatisfy(\.isHexDigit) else { return nil }
        let digits = h.compactMap(\.hexDigitValue)
        switch digits.count {
        case 3, 4:
            let v = digits.map { Double($0 * 17) / 255 }
            return StyleColor(red: v[0], green: v[1], blue: v[2], alpha: digits.count == 4 ? v[3] : 1)
        case 6, 8:
            let v = stride(from: 0, to: digits.count, by: 2).map { Double(digits[$0] * 16 + digits[$0 + 1]) / 255 }
            return StyleColor(red: v[0], green: v[1], blue: v[2], alpha: digits.count == 8 ? v[3] : 1)
        default:
            return nil
        }
    }

    /// A number or percentage; `percentScale` is what 100% means.
    private static func component(_ s: String, percentScale: Double) -> Double? {
        if s.hasSuffix("%") {
            guard let v = Double(s.dropLast()) else { return nil }
            return v / 100 * percentScale
        }
        return Double(s)
    }

    private static func parseFunction(_ fn: String, _ p: [String]) -> StyleColor? {
        guard p.count == 3 || p.count == 4 else { return nil }
        var alpha = 1.0
        if p.count == 4 {
            guard let a = component(p[3], percentScale: 1) else { return nil }
            alpha = a
        }
        switch fn {
        case "rgb", "rgba":
            guard let r = component(p[0], percentScale: 255), let g = component(p[1], percentScale: 255),
                  let b = component(p[2], percentScale: 255) else { return nil }
            return StyleColor(red: r / 255, green: g / 255, blue: b / 255, alpha: alpha)
        case "hsl", "hsla":
            guard let h = Double(p[0].replacingOccurrences(of: "deg", with: "")),
                  p[1].hasSuffix("%"), p[2].hasSuffix("%"),
                  let sat = component(p[1], percentScale: 1), let light = component(p[2], percentScale: 1) else { return nil }
            return hsl(hue: h, saturation: sat, lightness: light, alpha: alpha)
        default:
            return nil
        }
    }

    /// CSS Color 3 HSL to RGB; hue in degrees, saturation and lightness 0...1.
    static func hsl(hue: Double, saturation: Double, lightness: Double, alpha: Double) -> StyleColor {
        let s = Swift.min(1, Swift.max(0, saturation)), l = Swift.min(1, Swift.max(0, lightness))
        let h = (hue.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) / 360
        let m2 = l <= 0.5 ? l * (s + 1) : l + s - l * s
        let m1 = l * 2 - m2
        func channel(_ t0: Double) -> Double {
            var t = t0
            if t < 0 { t += 1 }
            if t > 1 { t -= 1 }
            if t * 6 < 1 { return m1 + (m2 - m1) * t * 6 }
            if t * 2 < 1 { return m2 }
            if t * 3 < 2 { return m1 + (m2 - m1) * (2.0 / 3 - t) * 6 }
            return m1
        }
        return StyleColor(red: channel(h + 1.0 / 3), green: channel(h), blue: channel(h - 1.0 / 3), alpha: alpha)
    }
}
