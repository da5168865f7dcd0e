import Foundation
import GeoFormats
import TestSupport
import Testing

/// A shapefile cut short (`head -c`, as an interrupted copy leaves it) is recognised from its
/// headers: the ESRI header declares the file length, and every point record of
/// ca_populated_places is 28 bytes (8-byte record header + 20 bytes: type, x, y), so the
/// readable records of a cut `.shp` are (size − 100) / 28, worked by hand below.
@Suite struct ShapefileTruncationTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Shapefiles").path

    /// Copies ca_populated_places into a new folder, cutting `cut` (extension) to `bytes` with `head -c`.
    static func copy(cutting cut: String, to bytes: Int) throws -> String {
        let dir = try Tool.temporaryDirectory("bordermap-truncated").path
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
            let from = "\(data)/ca_populated_places.\(ext)", to = "\(dir)/places.\(ext)"
            guard FileManager.default.fileExists(atPath: from) else { continue }
            if ext == cut {
                let r = try Tool.run(["sh", "-c", "head -c \(bytes) \"$0\" > \"$1\"", from, to])
                #expect(r.status == 0, "\(r.stderr)")
            } else {
                try FileManager.default.copyItem(atPath: from, toPath: to)
            }
        }
        return "\(dir)/places.shp"
    }

    @Test func anIntactShapefileIsNotTruncated() throws {
        let reader = try ShapefileReader(path: "\(Self.data)/ca_populated_places.shp")
        #expect(!reader.truncation.isTruncated, "\(reader.truncation.problems)")
        #expect(reader.truncation.completeRecords == 8475)
        #expect(reader.info.truncation.listedRecords == 8475)
    }

    @Test func aCutShpIsShorterThanItsHeaderDeclares() throws {
        // 100-byte header + 100 whole records + 10 bytes of the 101st.
        let path = try Self.copy(cutting: "shp", to: 100 + 100 * 28 + 10)
        let reader = try ShapefileReader(path: path)
        let t = reader.info.truncation
        #expect(t.isTruncated)
        #expect(t.listedRecords == 8475, "the .shx still lists every record")
        #expect(t.completeRecords == 100)
        #expect(t.problems.contains { $0.contains("is 2910 bytes but its header declares 237400") && $0.contains("shorter than its header declares") },
                "\(t.problems)")
        #expect(t.problems.contains { $0.contains("8375 of the 8475 records") }, "\(t.problems)")
        // The readable records still read; the first missing one is an error, not a silent end.
        for _ in 0..<100 { _ = try reader.next() }
        #expect(throws: FormatError.self) { _ = try reader.next() }
    }

    @Test func aCutShxIsShorterThanItsHeaderDeclares() throws {
        let path = try Self.copy(cutting: "shx", to: 100 + 8 * 50)
        let reader = try ShapefileReader(path: path)
        let t = reader.truncation
        #expect(t.isTruncated)
        #expect(t.listedRecords == 50 && t.completeRecords == 50)
        #expect(t.problems.contains { $0.contains("places.shx is 500 bytes but its header declares 67900 (8475 records)") }, "\(t.problems)")
        #expect(reader.warnings.contains { $0.contains(".dbf has 8475 records but .shp has 50") })
    }
}
