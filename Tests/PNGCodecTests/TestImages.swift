import Foundation
import TestSupport
import Rasterizer

/// Synthetic test images (deterministic) and helpers to run the independent decoders.
enum TestImages {
    /// A deterministic xorshift generator so images are the same on every run.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next() >> 24) }
    }

    /// Premultiplied pixmap from straight colours given per pixel.
    static func make(_ w: Int, _ h: Int, _ f: (Int, Int) -> Color) -> Pixmap {
        var data = [UInt8](repeating: 0, count: w * h * 4)
        for y in 0..<h {
            for x in 0..<w {
                let p = PremultipliedColor(f(x, y))
                let i = (y * w + x) * 4
                data[i] = p.r; data[i + 1] = p.g; data[i + 2] = p.b; data[i + 3] = p.a
            }
        }
        guard let pm = Pixmap(width: w, height: h, premultipliedData: data) else { fatalError("size") }
        return pm
    }

    /// Opaque random noise (every pixel a random colour: > 256 colours, incompressible).
    static func opaqueNoise(_ w: Int, _ h: Int, seed: UInt64 = 7) -> Pixmap {
        var rng = Rng(state: seed)
        return make(w, h) { _, _ in Color(r: rng.byte(), g: rng.byte(), b: rng.byte()) }
    }

    /// Random straight colours with random alpha, including alpha 0 and 255.
    static func translucentNoise(_ w: Int, _ h: Int, seed: UInt64 = 11) -> Pixmap {
        var rng = Rng(state: seed)
        return make(w, h) { x, _ in
            let a: UInt8 = x % 7 == 0 ? 0 : (x % 7 == 1 ? 255 : rng.byte())
            return Color(r: rng.byte(), g: rng.byte(), b: rng.byte(), a: a)
        }
    }

    /// A 256 px vector-map-like tile: background, a water disc and a road band with
    /// anti-aliased edges (analytic coverage), a translucent buffer zone. `aaLevels` limits the
    /// number of coverage steps (4 gives a few dozen colours, 255 gives several hundred).
    static func mapTile(aaLevels: Int = 255, side: Int = 256) -> Pixmap {
        let land = Color(r: 242, g: 239, b: 233)
        let water = Color(r: 170, g: 211, b: 223)
        let road = Color(r: 250, g: 178, b: 102)
        let zone = Color(r: 220, g: 40, b: 40, a: 90)
        func mix(_ a: Color, _ b: Color, _ t: Double) -> Color {
            let q = (t * Double(aaLevels)).rounded() / Double(aaLevels)
            func c(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) * (1 - q) + Double(y) * q).rounded()) }
            return Color(r: c(a.r, b.r), g: c(a.g, b.g), b: c(a.b, b.b))
        }
        let s = Double(side) / 256
        return make(side, side) { x, y in
            let px = Double(x) + 0.5, py = Double(y) + 0.5
            let d = ((px - 90 * s) * (px - 90 * s) + (py - 100 * s) * (py - 100 * s)).squareRoot() - 60 * s
            var c = mix(land, water, min(1, max(0, 0.5 - d)))
            let roadDist = abs(py - (0.6 * px + 40 * s)) / 1.166 - 4 * s
            c = mix(c, road, min(1, max(0, 0.5 - roadDist)))
            if px > 150 * s, py > 150 * s, px < 240 * s, py < 240 * s {
                let a = Double(zone.a) / 255
                c = mix(c, Color(r: zone.r, g: zone.g, b: zone.b), a)
            }
            return c
        }
    }

    /// A busier 256 px map tile: 60 random triangles in 6 map colours over a land fill, and 30
    /// thin random lines, anti-aliased by 4x4 supersampling (17 coverage levels, so edges blend
    /// into several hundred colours, as a rendered vector tile does).
    static func detailedTile(side: Int = 256, seed: UInt64 = 3) -> Pixmap {
        var rng = Rng(state: seed)
        let colors = [Color(r: 170, g: 211, b: 223), Color(r: 205, g: 235, b: 176), Color(r: 224, g: 223, b: 223),
                      Color(r: 250, g: 178, b: 102), Color(r: 255, g: 255, b: 255), Color(r: 120, g: 120, b: 140)]
        func coord() -> Double { Double(rng.next() % UInt64(side * 4)) / 4 }
        typealias Tri = (Double, Double, Double, Double, Double, Double, Color)
        var tris: [Tri] = []
        for i in 0..<60 {
            let cx = coord(), cy = coord(), r = Double(8 + rng.next() % 50)
            let a0 = Double(rng.next() % 628) / 100
            tris.append((cx + r * cos(a0), cy + r * sin(a0), cx + r * cos(a0 + 2.1), cy + r * sin(a0 + 2.1),
                         cx + r * cos(a0 + 4.3), cy + r * sin(a0 + 4.3), colors[i % colors.count]))
        }
        for i in 0..<30 {  // thin lines as long skinny triangles
            let x0 = coord(), y0 = coord(), x1 = coord(), y1 = coord()
            tris.append((x0, y0, x1, y1, x1 + 1.2, y1 + 1.2, colors[(i + 3) % colors.count]))
        }
        func inside(_ t: Tri, _ x: Double, _ y: Double) -> Bool {
            let d1 = (x - t.2) * (t.1 - t.3) - (t.0 - t.2) * (y - t.3)
            let d2 = (x - t.4) * (t.3 - t.5) - (t.2 - t.4) * (y - t.5)
            let d3 = (x - t.0) * (t.5 - t.1) - (t.4 - t.0) * (y - t.1)
            return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
        }
        return make(side, side) { x, y in
            var sum = (0, 0, 0)
            for sy in 0..<4 {
                for sx in 0..<4 {
                    let px = Double(x) + (Double(sx) + 0.5) / 4, py = Double(y) + (Double(sy) + 0.5) / 4
                    var c = Color(r: 242, g: 239, b: 233)
                    for t in tris where inside(t, px, py) { c = t.6 }
                    sum.0 += Int(c.r); sum.1 += Int(c.g); sum.2 += Int(c.b)
                }
            }
            return Color(r: UInt8((sum.0 + 8) / 16), g: UInt8((sum.1 + 8) / 16), b: UInt8((sum.2 + 8) / 16))
        }
    }

    /// A smooth translucent heatmap tile (thousands of colours, varying alpha).
    static func heatmap(side: Int = 256) -> Pixmap {
        make(side, side) { x, y in
            let dx = Double(x) - Double(side) * 0.4, dy = Double(y) - Double(side) * 0.55
            let v = exp(-(dx * dx + dy * dy) / (2 * Double(side * side) / 25))
            let r = UInt8(min(255, 255 * v * 2)), g = UInt8(255 * v * v), b = UInt8(80 * (1 - v))
            return Color(r: r, g: g, b: b, a: UInt8(40 + 200 * v))
        }
    }

    /// Straight-alpha RGBA bytes of a pixmap (what a decoder that does not premultiply returns).
    static func straight(_ pm: Pixmap) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(pm.data.count)
        for y in 0..<pm.height {
            for x in 0..<pm.width {
                let c = pm.color(x: x, y: y) ?? .transparent
                out += [c.r, c.g, c.b, c.a]
            }
        }
        return out
    }

    static func tempFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("bordermap-png-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
    }

    /// Runs a tool; returns exit status and its output (stdout then stderr).
    static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let r = try Tool.run([tool] + args)
        return (r.status, r.output + r.stderr)
    }

    /// Pillow's decoding of `png` as straight RGBA bytes (an independent decoder).
    static func pillowRGBA(_ png: [UInt8], name: String) throws -> [UInt8] {
        let input = tempFile(name + ".png"), output = tempFile(name + ".rgba")
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: output) }
        try Data(png).write(to: input)
        let script = "import sys\nfrom PIL import Image\nim = Image.open(sys.argv[1]); im.load()\n"
            + "open(sys.argv[2], 'wb').write(im.convert('RGBA').tobytes())\n"
        let r = try run("/usr/bin/python3", ["-c", script, input.path, output.path])
        guard r.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: ["output": r.output]) }
        return [UInt8](try Data(contentsOf: output))
    }

    /// pngcheck's verdict on `png`: exit status 0 means a valid PNG; output is its summary.
    static func pngcheck(_ png: [UInt8], name: String) throws -> (status: Int32, output: String) {
        let input = tempFile(name + ".png")
        defer { try? FileManager.default.removeItem(at: input) }
        try Data(png).write(to: input)
        return try run("/usr/bin/pngcheck", ["-v", input.path])
    }
}
