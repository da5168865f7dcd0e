import Rasterizer

/// Un-premultiplication for encoding, through a 64 KiB table indexed by `alpha << 8 | channel`:
/// entry = round(channel * 255 / alpha) clamped to 255, and 0 when alpha = 0. It gives the same
/// bytes as `PremultipliedColor.unpremultiplied` without a division per channel.
enum Unpremultiply {
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 65_536)
        for a in 1..<256 {
            for v in 0..<256 {
                t[a << 8 | v] = UInt8(min(255, (v * 255 + a / 2) / a))
            }
        }
        return t
    }()

    /// True when every pixel has alpha 255.
    static func isOpaque(_ pixmap: Pixmap) -> Bool {
        pixmap.data.withUnsafeBufferPointer { d in
            var i = 3
            while i < d.count {
                if d[i] != 255 { return false }
                i += 4
            }
            return true
        }
    }

    /// Straight-alpha rows: RGBA (4 bytes per pixel) or, with `dropAlpha`, RGB (3 bytes per pixel;
    /// only correct for opaque images, where no division is needed).
    static func rows(_ pixmap: Pixmap, dropAlpha: Bool) -> [UInt8] {
        let n = pixmap.width * pixmap.height
        if dropAlpha {
            var out = [UInt8](repeating: 0, count: n * 3)
            out.withUnsafeMutableBufferPointer { o in
                pixmap.data.withUnsafeBufferPointer { d in
                    for p in 0..<n {
                        o[3 * p] = d[4 * p]; o[3 * p + 1] = d[4 * p + 1]; o[3 * p + 2] = d[4 * p + 2]
                    }
                }
            }
            return out
        }
        var out = pixmap.data
        table.withUnsafeBufferPointer { t in
            out.withUnsafeMutableBufferPointer { o in
                var i = 0
                while i < o.count {
                    let a = Int(o[i + 3])
                    if a != 255 {
                        let base = a << 8
                        o[i] = t[base | Int(o[i])]
                        o[i + 1] = t[base | Int(o[i + 1])]
                        o[i + 2] = t[base | Int(o[i + 2])]
                    }
                    i += 4
                }
            }
        }
        return out
    }

    /// The straight colour of a premultiplied pixel packed as `r | g << 8 | b << 16 | a << 24`.
    static func straight(_ packed: UInt32) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let a = Int(packed >> 24)
        let base = a << 8
        return table.withUnsafeBufferPointer { t in
            (t[base | Int(packed & 0xFF)], t[base | Int((packed >> 8) & 0xFF)],
             t[base | Int((packed >> 16) & 0xFF)], UInt8(a))
        }
    }
}
