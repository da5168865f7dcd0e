import Foundation
import GeoProjection
import HotspotAnalysis
import Testing
import TestSupport

/// Geodesic kernel density against pyproj (Transformer for the cell centres, Geod for the
/// WGS 84 distances) and the quartic formula written out in Python.
@Suite struct DensityGeodesicTests {
    @Test func matchesPyprojGeodesicDistances() throws {
        try #require(PythonOracle.unavailableReason == nil, "\(PythonOracle.unavailableReason ?? "")")
        let pts = [AnalysisPoint(x: 76.90, y: 43.25, weight: 2), AnalysisPoint(x: 77.05, y: 43.30, weight: 1),
                   AnalysisPoint(x: 76.80, y: 43.10, weight: 3)]
        let layout = try DensityGridLayout(width: 12, height: 10, originX: 640_000, originY: 4_805_000, cellSize: 4000)
        let h = 20_000.0
        let surface = try GeodesicKernelDensity.surface(points: pts, layout: layout, crs: try CRS("EPSG:32643"), bandwidth: h)
        let script = """
        import json, math, sys
        from pyproj import Geod, Transformer
        d = json.load(sys.stdin)
        t = Transformer.from_crs("EPSG:32643", "EPSG:4326", always_xy=True)
        g = Geod(ellps="WGS84")
        out = []
        for r in range(d["rows"]):
            for c in range(d["cols"]):
                x = d["x0"] + (c + 0.5) * d["cell"]; y = d["y0"] - (r + 0.5) * d["cell"]
                lon, lat = t.transform(x, y)
                s = 0.0
                for (plon, plat, w) in d["pts"]:
                    dist = g.inv(plon, plat, lon, lat)[2]
                    if dist < d["h"]:
                        s += w * 3 / (math.pi * d["h"] ** 2) * (1 - (dist / d["h"]) ** 2) ** 2 * 1e6
                out.append(s)
        print(json.dumps(out))
        """
        let input = try JSONSerialization.data(withJSONObject: [
            "rows": 10, "cols": 12, "x0": 640_000.0, "y0": 4_805_000.0, "cell": 4000.0, "h": h,
            "pts": pts.map { [$0.x, $0.y, $0.weight] },
        ])
        let expected = try #require(try PythonOracle.json(script: script, input: input) as? [Double])
        let maxValue = try #require(expected.max())
        #expect(maxValue > 0)
        #expect(expected.filter { $0 > 0 }.count > 20)
        // Cell centres differ between the two PROJ builds by < 1e-9°, i.e. ~0.1 mm: 1e-7 relative.
        for (g, e) in zip(surface.values, expected) {
            #expect(abs(g - e) <= 1e-7 * maxValue, "\(g) vs \(e)")
        }
    }
}
