import MapStyle
import Rasterizer

/// Conversions from style values to the rasteriser's.
enum StyleBridge {
    static func color(_ c: StyleColor?, opacity: Double = 1) -> Color? {
        guard let c else { return nil }
        let v = c.rgba8
        let color = Color(r: v.red, g: v.green, b: v.blue, a: v.alpha).withOpacity(opacity)
        return color.a == 0 ? nil : color
    }

    static func cap(_ s: String) -> LineCap {
        switch s {
        case "round": .round
        case "square": .square
        default: .butt
        }
    }

    static func join(_ s: String) -> LineJoin {
        switch s {
        case "round": .round
        case "bevel": .bevel
        default: .miter
        }
    }

    static func anchor(_ s: String) -> TextAnchor { TextAnchor(rawValue: s) ?? .center }
}
