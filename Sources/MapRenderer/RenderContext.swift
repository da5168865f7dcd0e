import GeoCore
import MapStyle
import Rasterizer

/// One render in progress: the canvas, where the viewport sits in EPSG:3857, and the margin
/// around the canvas inside which geometry is kept so strokes and markers are not cut at the
/// edge (the "buffer", 64 CSS px like Mapnik's buffer-size in the reference style).
struct RenderContext {
    var pixmap: Pixmap
    let viewport: Viewport
    /// Device pixels per metre.
    let scale: Double
    let originX: Double
    let originY: Double
    /// The query and clip box in metres: the viewport grown by the buffer.
    let queryBox: BoundingBox
    let clipBox: (minX: Double, minY: Double, maxX: Double, maxY: Double)

    static let bufferCSSPixels = 64.0

    init(viewport: Viewport) throws {
        guard let pixmap = Pixmap(width: viewport.width, height: viewport.height) else {
            throw RenderError("cannot allocate a \(viewport.width)x\(viewport.height) image")
        }
        self.pixmap = pixmap
        self.viewport = viewport
        let t = viewport.pixelTransform
        scale = t.scale
        originX = t.originX
        originY = t.originY
        let margin = Self.bufferCSSPixels * viewport.pixelRatio * viewport.metersPerPixel
        queryBox = viewport.bounds.expanded(by: margin)
        clipBox = (queryBox.minX, queryBox.minY, queryBox.maxX, queryBox.maxY)
    }

    var zoom: Double { viewport.zoom }
    var ratio: Double { viewport.pixelRatio }

    func evaluation(_ properties: [String: PropertyValue]) -> EvaluationContext {
        EvaluationContext(zoom: zoom, properties: properties)
    }

    /// Device-pixel position of a point in metres.
    func device(_ x: Double, _ y: Double) -> PathPoint {
        PathPoint((x - originX) * scale, (originY - y) * scale)
    }

    /// Appends a part (interleaved metres) to `builder` in device pixels, clipped to the buffer.
    func appendRing(_ part: [Double], to builder: inout PathBuilder) {
        let clipped = Clipping.clipRing(part, to: clipBox)
        guard clipped.count >= 6 else { return }
        appendPoints(clipped, to: &builder)
        builder.close()
    }

    func appendLine(_ part: [Double], to builder: inout PathBuilder) {
        for piece in Clipping.clipLine(part, to: clipBox) { appendPoints(piece, to: &builder) }
    }

    /// The pieces of a line inside the buffer as paths, each with its distance in device
    /// pixels from the start of the whole line (the dash phase).
    func linePieces(_ part: [Double]) -> [(path: Path, start: Double)] {
        Clipping.clipLineMeasured(part, to: clipBox).compactMap { piece in
            var builder = PathBuilder()
            appendPoints(piece.points, to: &builder)
            return builder.build().map { ($0, piece.start * scale) }
        }
    }

    func appendPoints(_ xy: [Double], to builder: inout PathBuilder) {
        builder.move(to: device(xy[0], xy[1]))
        var i = 2
        while i < xy.count {
            builder.line(to: device(xy[i], xy[i + 1]))
            i += 2
        }
    }
}
