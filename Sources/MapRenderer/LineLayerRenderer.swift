import MapStyle
import Rasterizer

/// `line` layers: lines, and the rings of areas as lines (country outlines). Widths are CSS
/// pixels times the pixel ratio; `line-dasharray` is in line widths (MapLibre's rule). Solid
/// lines of equal paint are stroked as one path; dashed lines piece by piece with the dash
/// phase of the whole line.
enum LineLayerRenderer {
    static func draw(_ layer: StyleLayer, features: [ProjectedFeature], in ctx: inout RenderContext) {
        let color = layer.property("line-color"), width = layer.property("line-width")
        let opacity = layer.property("line-opacity"), dashes = layer.property("line-dasharray")
        let cap = layer.property("line-cap"), join = layer.property("line-join")
        let miter = layer.property("line-miter-limit")
        var groups = PaintGroups<LineKey>()
        for f in features where f.kind != .point {
            let e = ctx.evaluation(f.properties)
            guard layer.accepts(e) else { continue }
            let w = width.number(e)
            guard w > 0, let c = StyleBridge.color(color.color(e), opacity: opacity.number(e)) else { continue }
            let d = (dashes.numbers(e) ?? []).map { $0 * w }
            groups.add(f, key: LineKey(color: c, width: w, dashes: d, cap: cap.string(e), join: join.string(e),
                                       miterLimit: miter.number(e)))
        }
        for (key, members) in groups.ordered {
            var style = StrokeStyle(width: key.width * ctx.ratio, cap: StyleBridge.cap(key.cap), join: StyleBridge.join(key.join),
                                    miterLimit: key.miterLimit > 0 ? key.miterLimit : 2,
                                    dashes: key.dashes.map { $0 * ctx.ratio })
            if style.dashes.isEmpty {
                var builder = PathBuilder()
                for f in members {
                    for part in f.parts {
                        if f.kind == .area { ctx.appendRing(part, to: &builder) } else { ctx.appendLine(part, to: &builder) }
                    }
                }
                if let path = builder.build() { ctx.pixmap.stroke(path, style: style, paint: Paint(color: key.color)) }
            } else {
                // Each visible piece keeps the dash phase it has on the whole line, so dashes
                // continue across tile edges instead of restarting at each tile's clip.
                for f in members {
                    for part in f.parts {
                        for piece in ctx.linePieces(part) {
                            style.dashOffset = piece.start
                            ctx.pixmap.stroke(piece.path, style: style, paint: Paint(color: key.color))
                        }
                    }
                }
            }
        }
    }

    struct LineKey: Hashable {
        let color: Color
        let width: Double
        let dashes: [Double]
        let cap: String
        let join: String
        let miterLimit: Double
    }
}
