import CPNG
import Rasterizer

/// Decodes PNG bytes into a premultiplied `Pixmap` through libpng's simplified `png_image` API
/// (which reports errors in its struct rather than by longjmp). Any PNG libpng reads is accepted
/// (grey, palette, 16-bit, interlaced); pixels come out as 8-bit sRGB RGBA, then are
/// premultiplied, rounding to nearest. Thread-safe: each call has its own `png_image`.
///
/// Limitation (libpng's simplified API): a 16-bit PNG without gAMA/sRGB/iCCP is taken to be
/// linear and converted to sRGB, so its 8-bit values are brighter than a plain `>> 8`.
/// 8-bit PNGs (all map tiles) are read unchanged.
public struct PNGDecoder: Sendable {
    /// The most pixels (width x height) a decoded image may have; default 67 108 864 (8192 x 8192,
    /// 256 MiB of RGBA), so a hostile header cannot make the decoder allocate gigabytes.
    public var maxPixels: Int

    /// A decoder accepting images of at most `maxPixels` pixels (default 8192 x 8192).
    public init(maxPixels: Int = 1 << 26) {
        self.maxPixels = maxPixels
    }

    /// The image in `bytes`.
    /// - Throws: `PNGError.decodeFailed` with libpng's message for anything that is not a
    ///   readable PNG (including truncated or corrupt data); `PNGError.tooLarge` when a side
    ///   exceeds `Pixmap.maxSide` or the image has more than `maxPixels` pixels (checked from
    ///   the header, before any pixel memory is allocated).
    public func decode(_ bytes: [UInt8]) throws -> Pixmap {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        // png_image_*: nonzero on success, 0 on failure with the reason in image.message.
        let begun = bytes.withUnsafeBytes { raw in
            png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count)
        }
        guard begun != 0 else { throw PNGError.decodeFailed(Self.message(&image)) }
        let width = Int(image.width)
        let height = Int(image.height)
        guard width <= Pixmap.maxSide, height <= Pixmap.maxSide, width > 0, height > 0,
              width * height <= maxPixels else {
            throw PNGError.tooLarge(width: width, height: height)
        }
        image.format = BM_PNG_FORMAT_RGBA
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let finished = pixels.withUnsafeMutableBytes { raw in
            png_image_finish_read(&image, nil, raw.baseAddress, Int32(width * 4), nil)
        }
        guard finished != 0 else { throw PNGError.decodeFailed(Self.message(&image)) }
        Self.premultiply(&pixels)
        guard let pixmap = Pixmap(width: width, height: height, premultipliedData: pixels) else {
            throw PNGError.tooLarge(width: width, height: height)
        }
        return pixmap
    }

    /// In place: v = round(v * a / 255) for r, g, b (the rounding `PremultipliedColor` uses).
    static func premultiply(_ pixels: inout [UInt8]) {
        pixels.withUnsafeMutableBufferPointer { p in
            var i = 0
            while i < p.count {
                let a = UInt32(p[i + 3])
                if a != 255 {
                    p[i] = UInt8((UInt32(p[i]) * a + 127) / 255)
                    p[i + 1] = UInt8((UInt32(p[i + 1]) * a + 127) / 255)
                    p[i + 2] = UInt8((UInt32(p[i + 2]) * a + 127) / 255)
                }
                i += 4
            }
        }
    }

    private static func message(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return bytes.isEmpty ? "unknown libpng error" : String(decoding: bytes, as: UTF8.self)
        }
    }
}
