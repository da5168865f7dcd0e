// Path filling: the public entry point of the scan converter.
//
// Pipeline (files in reading order): `Path` → `ScanConverter` (transform, implicit close,
// culling, `CurveFlattening` at 0.05 px) → `CoverageAccumulator` (exact-area cells, per-row
// dirty spans, prefix sum, non-zero / even-odd) → `Pixmap.blendSpan` / `blendRun` (Blend.swift).
//
// Design notes:
// - Exact area, not supersampling: every segment adds the exact area it covers in each cell
//   (font-rs / AGG style), so a pixel half covered gets 128 and an axis-aligned square of area
//   A sums to A (tested within 1e-3 per px).
// - Memory is the fill's region only — clip ∩ pixmap ∩ transformed path bounds, (w + 2) × h
//   Floats (257 KiB for a 256 px tile) — whatever the vertex count: segments are accumulated as
//   they are produced, no edge list. The buffers are per thread and reused by every fill.
// - Dirty spans: each row remembers its first and last touched cell, so a thin line across a
//   256 px tile resolves a few cells per row, not 256; runs of 16+ equal pixels go through
//   `blendRun` (opaque runs become plain stores).
// - Robustness: coordinates are clamped to ±1e18 px after the transform (infinities from an
//   overflowing transform included; a NaN drops the fill), curves wholly outside the region
//   are not flattened, curve subdivision is capped, and rows/cells outside the region are
//   never visited, so a path 1e12 px away costs one bounds test per segment.

extension Pixmap {
    /// Fills `path` with `paint`, anti-aliased by exact area coverage (or hard-edged at pixel
    /// centres when `paint.antiAlias` is false), composited source-over.
    ///
    /// - Parameters:
    ///   - path: the shape; every subpath is implicitly closed.
    ///   - paint: colour, opacity (0...1, multiplies the colour's alpha) and anti-aliasing.
    ///   - rule: which regions are inside; default `.nonZero`.
    ///   - transform: maps path coordinates to device pixels (y down); default identity.
    ///     Curves are flattened after it, to 0.05 device px.
    ///   - clip: an optional rectangle in device pixels, snapped to whole pixels (rounded to
    ///     nearest); nothing outside it or the pixmap changes.
    /// Not reentrant across threads on one pixmap (it is a value; each thread fills its own).
    public mutating func fill(_ path: Path, paint: Paint, rule: FillRule = .nonZero,
                              transform: Transform = .identity, clip: Rect? = nil) {
        fill(path, color: PremultipliedColor(paint.color.withOpacity(paint.opacity)),
             antiAlias: paint.antiAlias, rule: rule, transform: transform, clip: clip)
    }

    /// `fill` with the premultiplied colour already worked out (strokes and hairlines scale
    /// opacity before calling this).
    mutating func fill(_ path: Path, color: PremultipliedColor, antiAlias: Bool, rule: FillRule,
                       transform: Transform, clip: Rect?) {
        guard color.a > 0,
              let r = ScanConverter.region(of: path, transform: transform, clip: clip, width: width, height: height)
        else { return }
        let acc = CoverageAccumulator.current
        acc.begin(x: r.x, y: r.y, width: r.width, height: r.height)
        guard ScanConverter.accumulate(path, transform: transform, into: acc) else {
            acc.discard()
            return
        }
        acc.blend(into: &self, color: color, evenOdd: rule == .evenOdd, aliased: !antiAlias)
    }
}
