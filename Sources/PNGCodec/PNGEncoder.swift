import CPNG
import Rasterizer

/// Encodes a premultiplied `Pixmap` as PNG bytes through libpng.
///
/// Pixels are un-premultiplied (rounded to nearest; alpha 0 becomes 0,0,0,0) only here.
/// Output is 8-bit RGB when every pixel is opaque, 8-bit RGBA otherwise, or 8-bit indexed
/// colour with a tRNS chunk for alpha (see `Format`).
///
/// Defaults (zlib level 4, filter NONE) were measured on this machine in a release build
/// (2 shared cores, load 8-10; median of 41 encodes; synthetic tiles from
/// Tests/PNGCodecTests/TestImages.swift, to be re-measured on MapRenderer output; `.auto`):
///
///     256 px tile                  L2 NONE          L4 NONE          L6 NONE          L2 SUB
///     detailed map, 792 colours    26480 B 0.73 ms  24817 B 1.06 ms  23443 B 1.68 ms  33905 B 0.97 ms
///     heatmap, translucent         40233 B 1.31 ms  30120 B 1.57 ms  27362 B 2.4-6.7  47008 B 1.75 ms
///     simple map, 19 colours (pal)  2157 B 0.22 ms   1894 B 0.27 ms   1601 B 0.37 ms   2103 B 0.24 ms
///
/// NONE gave the smallest files of all five filters on every map tile at every level, and is
/// the fastest (SUB/UP were 10-30 % larger, PAETH and adaptive larger and 1.5-3x slower).
/// Level 4 is the first level with lazy matching: 6-25 % smaller than level 2 for ~0.3 ms,
/// while level 6 costs another 60 % time for 5-10 %; level 9 takes 20-60 ms. All defaults stay
/// well under Mapnik's 2.1 ms (png32) per 256 px tile. Decoding a 256 px RGBA tile: 0.25-0.75 ms.
/// `.palette(maxColors: 256)` (median cut) on the same tiles: detailed 15832 B in 1.8 ms,
/// heatmap 15599 B in 2.1 ms — about half the bytes, lossy (mean error 0.1 of 255, no dither;
/// a 16-colour heatmap shows visible bands, which is why `.auto` keeps such tiles truecolour).
/// Reproduce: `BORDERMAP_PNG_BENCH=1 swift test -c release -Xswiftc -enable-testing
/// --filter EncoderBenchmark` (Tests/PNGCodecTests/EncoderBenchmark.swift).
///
/// Palette quantisation is our own median cut (`MedianCut`). libimagequant is deliberately not
/// used: it is GPL-3.0 licensed, which this library cannot take on.
///
/// Thread-safe: every call makes its own libpng write struct.
public struct PNGEncoder: Sendable {
    /// How pixels are stored in the PNG.
    public enum Format: Sendable, Hashable {
        /// Truecolour: RGBA, or RGB when every pixel is opaque (25 % less raw data). Lossless.
        case rgba
        /// Indexed colour with tRNS alpha: exact when the image has at most 256 distinct
        /// colours, otherwise quantised by median cut to `maxColors` entries (lossy, no dither).
        case palette(maxColors: Int)
        /// Palette when the image has at most 256 distinct colours (exact, lossless), else
        /// truecolour. Heatmaps and smooth gradients therefore stay full colour.
        case auto
    }

    /// The PNG row filter (the per-row predictor before zlib).
    public enum Filter: Sendable, Hashable {
        /// Bytes stored as they are (the default: best on map tiles, see the measurements).
        case none
        /// Difference from the pixel to the left.
        case sub
        /// Difference from the pixel above.
        case up
        /// Difference from the mean of left and above.
        case average
        /// Difference from the Paeth predictor of left, above and upper-left.
        case paeth
        /// libpng picks per row among all five (minimum sum of absolute differences).
        case adaptive

        var mask: Int32 {
            switch self {
            case .none: return Int32(PNG_FILTER_NONE)
            case .sub: return Int32(PNG_FILTER_SUB)
            case .up: return Int32(PNG_FILTER_UP)
            case .average: return Int32(PNG_FILTER_AVG)
            case .paeth: return Int32(PNG_FILTER_PAETH)
            case .adaptive: return Int32(BM_PNG_ALL_FILTERS)
            }
        }
    }

    /// Encoding choices. The defaults are for serving 256 px map tiles quickly.
    public struct Options: Sendable, Hashable {
        /// Pixel format; default `.auto`.
        public var format: Format
        /// zlib level 0 (store) ... 9 (smallest); default 4 (see the type's measurements).
        public var compressionLevel: Int
        /// Filter for truecolour output; default `.none` (smallest and fastest on map tiles).
        public var truecolorFilter: Filter
        /// Filter for palette output; default `.none` (predictors do not help indices).
        public var paletteFilter: Filter

        /// - Parameters: see the properties; `compressionLevel` is clamped to 0...9.
        public init(format: Format = .auto, compressionLevel: Int = 4,
                    truecolorFilter: Filter = .none, paletteFilter: Filter = .none) {
            self.format = format
            self.compressionLevel = min(9, max(0, compressionLevel))
            self.truecolorFilter = truecolorFilter
            self.paletteFilter = paletteFilter
        }
    }

    /// The options every `encode` call uses.
    public var options: Options

    /// An encoder with `options` (default: `.auto`, zlib level 4, filter NONE).
    public init(options: Options = Options()) {
        self.options = options
    }

    /// The PNG file bytes for `pixmap`.
    /// - Throws: `PNGError.encodeFailed` with libpng's message (e.g. out of memory).
    public func encode(_ pixmap: Pixmap) throws -> [UInt8] {
        switch options.format {
        case .rgba:
            return try encodeTruecolor(pixmap)
        case .auto:
            if var indexed = IndexedImage.exact(pixmap) {
                indexed.translucentFirst()
                return try encodeIndexed(indexed, pixmap)
            }
            return try encodeTruecolor(pixmap)
        case .palette(let maxColors):
            let limit = max(1, min(256, maxColors))
            var indexed: IndexedImage
            if let exact = IndexedImage.exact(pixmap), exact.colors.count <= limit {
                indexed = exact
            } else {
                indexed = MedianCut.quantize(pixmap, maxColors: limit)
            }
            indexed.translucentFirst()
            return try encodeIndexed(indexed, pixmap)
        }
    }

    private func encodeTruecolor(_ pixmap: Pixmap) throws -> [UInt8] {
        let opaque = Unpremultiply.isOpaque(pixmap)
        let rows = Unpremultiply.rows(pixmap, dropAlpha: opaque)
        return try write(rows: rows, rowBytes: pixmap.width * (opaque ? 3 : 4), pixmap: pixmap,
                         colorType: opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                         filter: options.truecolorFilter, plte: [], trns: [])
    }

    private func encodeIndexed(_ indexed: IndexedImage, _ pixmap: Pixmap) throws -> [UInt8] {
        let (plte, trns) = indexed.chunks()
        return try write(rows: indexed.indices, rowBytes: pixmap.width, pixmap: pixmap,
                         colorType: PNG_COLOR_TYPE_PALETTE, filter: options.paletteFilter,
                         plte: plte, trns: trns)
    }

    private func write(rows: [UInt8], rowBytes: Int, pixmap: Pixmap, colorType: Int32,
                       filter: Filter, plte: [UInt8], trns: [UInt8]) throws -> [UInt8] {
        var out = bm_png_output()
        defer { bm_png_output_free(&out) }
        // bm_png_encode: 0 success, 1 libpng error with its message in out.message.
        let rc = rows.withUnsafeBufferPointer { r in
            plte.withUnsafeBufferPointer { p in
                trns.withUnsafeBufferPointer { t in
                    bm_png_encode(r.baseAddress, rowBytes, UInt32(pixmap.width), UInt32(pixmap.height),
                                  colorType, Int32(options.compressionLevel), filter.mask,
                                  p.baseAddress, Int32(plte.count / 3), t.baseAddress, Int32(trns.count), &out)
                }
            }
        }
        guard rc == 0, let data = out.data else {
            throw PNGError.encodeFailed(Self.message(&out))
        }
        return Array(UnsafeBufferPointer(start: data, count: out.size))
    }

    private static func message(_ out: inout bm_png_output) -> String {
        withUnsafeBytes(of: &out.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return bytes.isEmpty ? "unknown libpng error" : String(decoding: bytes, as: UTF8.self)
        }
    }
}
