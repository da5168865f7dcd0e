import Foundation
import Hummingbird
import HummingbirdTesting
import PNGCodec
import Rasterizer
import TestSupport
import Testing
@testable import TileServer

/// Heat map tiles: the kernel density surface drawn on a fixed scale, seamless across tile edges.
@Suite(.serialized) struct HeatmapTileTests {
    /// Only the density surface, in grey (R = G = B = 255 × heatmap-density) on black, so that
    /// pixel values read back the surface.
    static let greyHeat = """
    {"version": 8, "name": "Grey heat",
     "sources": {"density": {"type": "density", "radius": "150km", "scale": 0.004}},
     "layers": [
       {"id": "background", "type": "background", "paint": {"background-color": "#000000"}},
       {"id": "heat", "type": "heatmap", "source": "density",
        "paint": {"heatmap-opacity": 1,
                  "heatmap-color": ["interpolate", ["linear"], ["heatmap-density"], 0, "#000000", 1, "#ffffff"]}}
     ]}
    """

    /// The red channel of a 3 × 3 block of z`z` tiles from (x0, y0), stitched.
    static func block(_ client: any TestClientProtocol, style: String, z: Int, x0: Int, y0: Int) async throws -> [[Int]] {
        var rows = [[Int]](repeating: [Int](repeating: 0, count: 768), count: 768)
        for ty in 0..<3 {
            for tx in 0..<3 {
                let r = try await client.execute(uri: "/tiles/\(style)/\(z)/\(x0 + tx)/\(y0 + ty).png", method: .get)
                #expect(r.status == .ok)
                let image = try PNGDecoder().decode(r.bytes)
                for y in 0..<256 {
                    for x in 0..<256 { rows[ty * 256 + y][tx * 256 + x] = Int(try #require(image.color(x: x, y: y)).r) }
                }
            }
        }
        return rows
    }

    @Test func tilesOfTheDensitySurfaceMeetWithoutSeams() async throws {
        let fixture = try await ServerFixture(incidents: 2_000, extraStyles: ["grey-heat": Self.greyHeat])
        let v = try await fixture.withRouter { client in
            // z5 around Tashkent–Fergana, where the demo incidents are densest.
            try await Self.block(client, style: "grey-heat", z: 5, x0: 21, y0: 11)
        }
        let flat = v.flatMap { $0 }
        // The surface is there: bright cores, a gradient, and dark surroundings.
        #expect(flat.max() ?? 0 >= 200, "no bright core: \(flat.max() ?? 0)")
        #expect(flat.filter { $0 > 0 && $0 < 200 }.count > 20_000, "too little gradient to test for seams")
        // Across every inner tile edge the step between the two edge pixels is no larger than
        // the steps on either side of it (plus one level of rounding): the gradient continues.
        var checked = 0
        for edge in [256, 512] {
            for i in 2..<766 {
                let across = abs(v[i][edge] - v[i][edge - 1]), inside = max(abs(v[i][edge - 1] - v[i][edge - 2]), abs(v[i][edge + 1] - v[i][edge]))
                #expect(across <= inside + 1, "vertical edge x=\(edge), row \(i): step \(across) vs \(inside) beside it")
                let down = abs(v[edge][i] - v[edge - 1][i]), beside = max(abs(v[edge - 1][i] - v[edge - 2][i]), abs(v[edge + 1][i] - v[edge][i]))
                #expect(down <= beside + 1, "horizontal edge y=\(edge), column \(i): step \(down) vs \(beside) beside it")
                if v[i][edge] > 0 || v[edge][i] > 0 { checked += 1 }
            }
        }
        #expect(checked > 500, "the edges cross too little of the surface (\(checked) pixels)")
        if let dir = ProcessInfo.processInfo.environment["BORDERMAP_SAVE_TILES"] {
            var pixmap = try #require(Pixmap(width: 768, height: 768))
            for y in 0..<768 { for x in 0..<768 {
                let g = UInt8(v[y][x])
                pixmap.blendRow(y: y, x: x, colors: [PremultipliedColor(r: g, g: g, b: g, a: 255)])
            } }
            try Data(PNGEncoder().encode(pixmap)).write(to: URL(fileURLWithPath: dir).appendingPathComponent("grey-heat-block.png"))
        }
    }
}
