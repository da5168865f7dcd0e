import MapStyle
import Rasterizer

/// `circle` layers: a disc per point (radius in CSS px), with an optional ring around it.
enum CircleLayerRenderer {
    static func draw(_ layer: StyleLayer, features: [ProjectedFeature], in ctx: inout RenderContext) {
        let radius = layer.property("circle-radius"), color = layer.property("circle-color")
        let opacity = layer.property("circle-opacity")
        let strokeColor = layer.property("circle-stroke-color"), strokeWidth = layer.property("circle-stroke-width")
        let strokeOpacity = layer.property("circle-stroke-opacity")
        var groups = PaintGroups<CircleKey>()
        for f in features where f.kind == .point {
            let e = ctx.evaluation(f.properties)
            guard layer.accepts(e) else { continue }
            let r = radius.number(e)
            guard r > 0 else { continue }
            let sw = strokeWidth.number(e)
            groups.add(f, key: CircleKey(radius: r, fill: StyleBridge.color(color.color(e), opacity: opacity.number(e)),
                                         stroke: sw > 0 ? StyleBridge.color(strokeColor.color(e), opacity: strokeOpacity.number(e)) : nil,
                                         strokeWidth: sw))
        }
        let box = ctx.queryBox
        for (key, members) in groups.ordered {
            var builder = PathBuilder()
            let r = key.radius * ctx.ratio
            for f in members {
                for part in f.parts where box.contains(.init(part[0], part[1])) {
                    builder.addCircle(center: ctx.device(part[0], part[1]), radius: r)
                }
            }
            guard let path = builder.build() else { continue }
            if let fill = key.fill { ctx.pixmap.fill(path, paint: Paint(color: fill)) }
            if let stroke = key.stroke {
                ctx.pixmap.stroke(path, style: StrokeStyle(width: key.strokeWidth * ctx.ratio), paint: Paint(color: stroke))
            }
        }
    }

    struct CircleKey: Hashable {
        let radius: Double
        let fill: Color?
        let stroke: Color?
        let strokeWidth: Double
    }
}
