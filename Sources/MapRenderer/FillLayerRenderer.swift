import MapStyle
import Rasterizer

/// `fill` layers: areas filled even-odd (so holes stay open), with an optional 1 CSS px outline.
/// Features with equal paint are drawn as one path, in order of first appearance.
enum FillLayerRenderer {
    static func draw(_ layer: StyleLayer, features: [ProjectedFeature], in ctx: inout RenderContext) {
        let colorProperty = layer.property("fill-color"), opacityProperty = layer.property("fill-opacity")
        let outlineProperty = layer.property("fill-outline-color")
        var groups = PaintGroups<FillKey>()
        for f in features where f.kind == .area {
            let e = ctx.evaluation(f.properties)
            guard layer.accepts(e) else { continue }
            let opacity = opacityProperty.number(e)
            let fill = StyleBridge.color(colorProperty.color(e), opacity: opacity)
            let outline = outlineProperty.isSet ? StyleBridge.color(outlineProperty.color(e), opacity: opacity) : nil
            guard fill != nil || outline != nil else { continue }
            groups.add(f, key: FillKey(fill: fill, outline: outline))
        }
        for (key, members) in groups.ordered {
            var builder = PathBuilder()
            for f in members { for ring in f.parts { ctx.appendRing(ring, to: &builder) } }
            guard let path = builder.build() else { continue }
            if let fill = key.fill { ctx.pixmap.fill(path, paint: Paint(color: fill), rule: .evenOdd) }
            if let outline = key.outline {
                ctx.pixmap.stroke(path, style: StrokeStyle(width: ctx.ratio), paint: Paint(color: outline))
            }
        }
    }

    struct FillKey: Hashable {
        let fill: Color?
        let outline: Color?
    }
}

/// Features grouped by evaluated paint, groups in order of first appearance (deterministic).
struct PaintGroups<Key: Hashable> {
    private var index: [Key: Int] = [:]
    private(set) var ordered: [(Key, [ProjectedFeature])] = []

    mutating func add(_ feature: ProjectedFeature, key: Key) {
        if let i = index[key] {
            ordered[i].1.append(feature)
        } else {
            index[key] = ordered.count
            ordered.append((key, [feature]))
        }
    }
}
