import Rasterizer

/// The exact palette of an image with at most 256 distinct premultiplied colours, found in one
/// pass with a 1024-slot open-addressing table (no Dictionary: this runs for every `.auto` tile).
/// Distinct premultiplied colours are distinct straight colours, because un-premultiplying and
/// premultiplying again gives back the same bytes, so the palette is exact after conversion.
struct IndexedImage {
    /// Palette entries, premultiplied, packed as `r | g << 8 | b << 16 | a << 24`.
    var colors: [UInt32]
    /// One palette index per pixel, row-major.
    var indices: [UInt8]

    /// The exact palette and indices, or nil when the image has more than 256 colours.
    static func exact(_ pixmap: Pixmap) -> IndexedImage? {
        let n = pixmap.width * pixmap.height
        var keys = [UInt32](repeating: 0, count: 1024)
        var slots = [Int16](repeating: -1, count: 1024)
        var colors: [UInt32] = []
        colors.reserveCapacity(256)
        var indices = [UInt8](repeating: 0, count: n)
        let ok: Bool = pixmap.data.withUnsafeBytes { raw in
            indices.withUnsafeMutableBufferPointer { idx in
                var last: UInt32 = 0
                var lastIndex: UInt8 = 0
                var haveLast = false
                for p in 0..<n {
                    let c = raw.loadUnaligned(fromByteOffset: 4 * p, as: UInt32.self)
                    if haveLast && c == last { idx[p] = lastIndex; continue }
                    var h = Int((c &* 0x9E37_79B1) >> 22)
                    while true {
                        let s = slots[h]
                        if s < 0 {
                            if colors.count == 256 { return false }
                            slots[h] = Int16(colors.count)
                            keys[h] = c
                            lastIndex = UInt8(colors.count)
                            colors.append(c)
                            break
                        }
                        if keys[h] == c { lastIndex = UInt8(s); break }
                        h = (h + 1) & 1023
                    }
                    last = c
                    haveLast = true
                    idx[p] = lastIndex
                }
                return true
            }
        }
        return ok ? IndexedImage(colors: colors, indices: indices) : nil
    }

    /// Reorders the palette so translucent entries come first (the tRNS chunk can then stop
    /// after them), remapping the indices to match.
    mutating func translucentFirst() {
        let order = colors.indices.sorted { (colors[$0] >> 24, $0) < (colors[$1] >> 24, $1) }
        var newIndex = [UInt8](repeating: 0, count: colors.count)
        for (new, old) in order.enumerated() { newIndex[old] = UInt8(new) }
        colors = order.map { colors[$0] }
        newIndex.withUnsafeBufferPointer { m in
            indices.withUnsafeMutableBufferPointer { idx in
                for i in idx.indices { idx[i] = m[Int(idx[i])] }
            }
        }
    }

    /// PLTE (RGB triples, straight) and tRNS (alpha of the leading translucent entries) bytes.
    func chunks() -> (plte: [UInt8], trns: [UInt8]) {
        var plte: [UInt8] = []
        var trns: [UInt8] = []
        plte.reserveCapacity(colors.count * 3)
        for c in colors {
            let s = Unpremultiply.straight(c)
            plte += [s.r, s.g, s.b]
            if s.a < 255 { trns.append(s.a) }
        }
        return (plte, trns)
    }
}
