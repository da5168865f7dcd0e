import Foundation
import GeoCore
import Testing
import TestSupport
@testable import IncidentStore

/// Streaming writes: many features appended in batches, checked by GDAL (count, extent,
/// spatial filter, validator); errors abandon the layer and leave nothing behind.
@Suite("GeoPackage layer writer")
struct GeoPackageLayerWriterTests {
    typealias Random = SplitMix64

    @Test("20 000 streamed incidents: count, extent, -spat result and timestamps as GDAL reads them")
    func streamed() throws {
        var rng = Random(seed: 42)
        let features: [Feature] = (0..<20_000).map { i in
            let lon = Double.random(in: 60...80, using: &rng), lat = Double.random(in: 35...45, using: &rng)
            let t = Double(Int.random(in: 1_546_300_800..<1_735_689_600, using: &rng))
            return Feature(geometry: .point(Point(x: lon, y: lat)), properties: [
                "id": .string("inc-\(i)"), "occurred_at": .double(t), "quantity_kg": i % 3 == 0 ? .null : .double(Double(i) / 8),
            ])
        }
        let path = try GeoPackageOracle.tempDirectory().appendingPathComponent("stream.gpkg").path
        let writer = try GeoPackageLayerWriter(
            path: path, name: "incidents",
            fields: [Field(name: "id", type: .string), Field(name: "occurred_at", type: .string), Field(name: "quantity_kg", type: .real)],
            crs: "EPSG:4326", geometryType: .point, options: GeoPackageWriteOptions(dateTimeFields: ["occurred_at"]))
        for start in stride(from: 0, to: features.count, by: 1000) {
            try writer.append(contentsOf: features[start..<(start + 1000)])
        }
        #expect(!FileManager.default.fileExists(atPath: path), "nothing at the target before finish()")
        try writer.finish()
        #expect(writer.featureCount == 20_000)

        let xs = features.compactMap { $0.geometry?.boundingBox?.minX }, ys = features.compactMap { $0.geometry?.boundingBox?.minY }
        let summary = try GeoPackageOracle.ogrinfo(["-so", path, "incidents"])
        #expect(summary.stderr.isEmpty, "GDAL wrote to stderr: \(summary.stderr)")
        #expect(summary.stdout.contains("Feature Count: 20000"))
        let extent = String(format: "Extent: (%.6f, %.6f) - (%.6f, %.6f)", xs.min() ?? 0, ys.min() ?? 0, xs.max() ?? 0, ys.max() ?? 0)
        #expect(summary.stdout.contains(extent), "expected \(extent)")
        #expect(GeoPackageOracle.fieldTypes(summary.stdout)["occurred_at"] == "DateTime")

        // GDAL answers -spat from the R-tree, then filters exactly; compare with a brute-force count.
        let inBox = features.filter { f in
            guard let b = f.geometry?.boundingBox else { return false }
            return b.minX >= 70 && b.minX <= 72 && b.minY >= 40 && b.minY <= 41
        }.count
        let spatial = try GeoPackageOracle.ogrinfo(["-so", "-spat", "70", "40", "72", "41", path, "incidents"])
        #expect(spatial.stdout.contains("Feature Count: \(inBox)"), "brute force: \(inBox)")

        // Feature 1: unix seconds from the same generator, formatted by GNU date.
        let first = try GeoPackageOracle.ogrinfo(["-q", "-fid", "1", path, "incidents"])
        guard case .double(let t) = features[0]["occurred_at"] else { Issue.record("no time"); return }
        let date = try GeoPackageOracle.run("/usr/bin/date", ["-u", "-d", "@\(Int(t))", "+%Y/%m/%d %H:%M:%S+00"])
        let expectedTime = date.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(first.stdout.contains("occurred_at (DateTime) = \(expectedTime)"), "expected \(expectedTime)")

        let v = try GeoPackageOracle.validate(path)
        #expect(v.status == 0, "validate_gpkg.py: \(v.stdout) \(v.stderr)")
    }

    @Test("declared MULTIPOLYGON takes polygons, wrapped; a line is refused and abandons the layer")
    func declaredType() throws {
        let dir = try GeoPackageOracle.tempDirectory()
        let path = dir.appendingPathComponent("areas.gpkg").path
        let square = Polygon(exterior: LinearRing([Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 0)]))
        let ok = try GeoPackageLayerWriter(path: path, name: "areas", fields: [], crs: nil, geometryType: .multiPolygon)
        try ok.append(Feature(geometry: .polygon(square)))
        try ok.finish()
        let info = try GeoPackageOracle.ogrinfo(["-al", path])
        #expect(info.stdout.contains("Geometry: Multi Polygon"))
        #expect(info.stdout.contains("MULTIPOLYGON (((0 0,1 0,1 1,0 0)))"))
        #expect(throws: GeoPackageError.writerClosed) { try ok.finish() }

        let other = dir.appendingPathComponent("points.gpkg").path
        let bad = try GeoPackageLayerWriter(path: other, name: "points", fields: [], crs: nil, geometryType: .point)
        try bad.append(Feature(geometry: .point(Point(x: 1, y: 1))))
        #expect(throws: GeoPackageError.geometryMismatch(feature: 1, column: "POINT, z 0, m 0", geometry: "LineString")) {
            try bad.append(Feature(geometry: .lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)]))))
        }
        #expect(throws: GeoPackageError.writerClosed) { try bad.append(Feature(geometry: .point(Point(x: 2, y: 2)))) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["areas.gpkg"], "no file or temporary left for points")
    }

    @Test("a writer released without finish() leaves no file")
    func released() throws {
        let dir = try GeoPackageOracle.tempDirectory()
        do {
            let w = try GeoPackageLayerWriter(path: dir.appendingPathComponent("x.gpkg").path, name: "x", fields: [],
                                              crs: "EPSG:4326", geometryType: .point)
            try w.append(Feature(geometry: .point(Point(x: 1, y: 1))))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
