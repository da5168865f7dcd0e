import Rasterizer

/// Median-cut colour quantisation in premultiplied RGBA space, for images with more than 256
/// colours. Working premultiplied handles alpha without special cases: all fully transparent
/// pixels are the one colour (0,0,0,0), and faint pixels lie close together, as they look.
///
/// 1. Histogram of distinct colours (when there are more than 65 536, the two low bits of each
///    channel are dropped and the histogram rebuilt, which bounds time and memory on big images).
/// 2. Repeatedly split the box whose widest channel range is largest at the pixel-weighted
///    median of that channel, until there are `maxColors` boxes or no box can be split.
/// 3. Each box's entry is the pixel-weighted mean of its colours (still premultiplied, so valid).
/// 4. Each distinct colour maps to its nearest entry (squared RGBA distance), not to its box.
/// No dithering: map tiles are flat fills with anti-aliased edges, where error diffusion adds
/// noise and costs compression.
enum MedianCut {
    private struct Box {
        var start: Int
        var end: Int  // exclusive
        var channel: Int = 0
        var range: Int = 0
    }

    static func channel(_ c: UInt32, _ k: Int) -> Int { Int((c >> UInt32(8 * k)) & 0xFF) }

    /// A palette of at most `maxColors` (1...256) entries and the index of every pixel.
    static func quantize(_ pixmap: Pixmap, maxColors: Int = 256) -> IndexedImage {
        let n = pixmap.width * pixmap.height
        var mask: UInt32 = 0xFFFF_FFFF
        var histogram: [UInt32: Int] = [:]
        pixmap.data.withUnsafeBytes { raw in
            var attempt = 0
            while true {
                histogram.removeAll(keepingCapacity: true)
                // Count runs of equal pixels (long in map tiles) with one hash lookup each.
                var run = 0
                var current: UInt32 = 0
                for p in 0..<n {
                    let c = raw.loadUnaligned(fromByteOffset: 4 * p, as: UInt32.self) & mask
                    if run > 0 && c == current { run += 1; continue }
                    if run > 0 { histogram[current, default: 0] += run }
                    current = c
                    run = 1
                }
                histogram[current, default: 0] += run
                if histogram.count <= 65_536 || attempt == 3 { break }
                attempt += 1
                mask = [0xFCFC_FCFC, 0xF8F8_F8F8, 0xF0F0_F0F0][attempt - 1]
            }
        }
        // Sorted, and split with a total order below, so the output does not depend on the
        // Dictionary's per-process iteration order (same pixels, same PNG bytes, same ETag).
        var entries = histogram.map { (color: $0.key, count: $0.value) }.sorted { $0.color < $1.color }
        var boxes = [measure(Box(start: 0, end: entries.count), entries)]
        let target = max(1, min(256, maxColors))
        while boxes.count < target {
            guard let i = boxes.indices.filter({ boxes[$0].end - boxes[$0].start > 1 })
                .max(by: { boxes[$0].range < boxes[$1].range }), boxes[i].range > 0 else { break }
            let box = boxes[i]
            let k = box.channel
            entries[box.start..<box.end].sort {
                (channel($0.color, k), $0.color) < (channel($1.color, k), $1.color)
            }
            let total = entries[box.start..<box.end].reduce(0) { $0 + $1.count }
            var acc = 0
            var cut = box.start + 1
            for j in box.start..<(box.end - 1) {
                acc += entries[j].count
                cut = j + 1
                if acc * 2 >= total { break }
            }
            boxes[i] = measure(Box(start: box.start, end: cut), entries)
            boxes.append(measure(Box(start: cut, end: box.end), entries))
        }
        let palette: [UInt32] = boxes.map { box in
            var sums = [Int](repeating: 0, count: 4)
            var total = 0
            for e in entries[box.start..<box.end] {
                for k in 0..<4 { sums[k] += channel(e.color, k) * e.count }
                total += e.count
            }
            var packed: UInt32 = 0
            for k in 0..<4 { packed |= UInt32((sums[k] + total / 2) / total) << UInt32(8 * k) }
            return packed
        }
        var lookup: [UInt32: UInt8] = [:]
        lookup.reserveCapacity(entries.count)
        for e in entries { lookup[e.color] = nearest(e.color, palette) }
        var indices = [UInt8](repeating: 0, count: n)
        pixmap.data.withUnsafeBytes { raw in
            indices.withUnsafeMutableBufferPointer { idx in
                var last: UInt32 = 0
                var lastIndex: UInt8 = 0
                for p in 0..<n {
                    let c = raw.loadUnaligned(fromByteOffset: 4 * p, as: UInt32.self) & mask
                    if p == 0 || c != last {
                        last = c
                        lastIndex = lookup[c] ?? 0  // every masked colour is in the histogram
                    }
                    idx[p] = lastIndex
                }
            }
        }
        return IndexedImage(colors: palette, indices: indices)
    }

    private static func measure(_ box: Box, _ entries: [(color: UInt32, count: Int)]) -> Box {
        var lo = [255, 255, 255, 255]
        var hi = [0, 0, 0, 0]
        for e in entries[box.start..<box.end] {
            for k in 0..<4 {
                let v = channel(e.color, k)
                lo[k] = min(lo[k], v)
                hi[k] = max(hi[k], v)
            }
        }
        var b = box
        for k in 0..<4 where hi[k] - lo[k] > b.range {
            b.range = hi[k] - lo[k]
            b.channel = k
        }
        return b
    }

    private static func nearest(_ c: UInt32, _ palette: [UInt32]) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (i, p) in palette.enumerated() {
            var d = 0
            for k in 0..<4 {
                let diff = channel(c, k) - channel(p, k)
                d += diff * diff
            }
            if d < bestDistance { bestDistance = d; best = i }
        }
        return UInt8(best)
    }
}
