import Foundation
import GeoCore
import Testing
@testable import GeoFormats

/// Reads shapefiles GDAL wrote (Fixtures/shapefile, made by make_fixtures.sh): Z/M shape types
/// and Cyrillic DBFs whose code page is given only by the language-driver byte or a `.cpg`.
@Suite("Shapefile reader on files GDAL wrote")
struct ShapefileGDALFixtureTests {
    static let layers: [(String, ShapeType)] = [
        ("pointz", .pointZ), ("pointm", .pointM), ("linezm", .polyLineZ), ("polygonz", .polygonZ),
        ("polygonm", .polygonM), ("multipointz", .multiPointZ),
    ]

    @Test("x, y, z and attributes match GDAL's reading", arguments: layers.map(\.0))
    func matchesGDAL(layer: String) throws {
        let path = ShapefileOracle.fixture(layer + ".shp")
        let reader = try ShapefileReader(path: path)
        #expect(reader.header.shapeType == Self.layers.first { $0.0 == layer }?.1)
        let ours = try reader.readAll().features
        let diffs = ShapefileOracle.differences(ours, try ShapefileOracle.gdalFeatures(path))
        #expect(diffs.isEmpty, "\(layer): \(diffs)")
    }

    /// M values as written in make_fixtures.sh's WKT (GeoJSON cannot carry M). GDAL wrote the
    /// polygon ring clockwise, so its M values run in that order.
    @Test("M values are the ones in the WKT GDAL was given")
    func measures() throws {
        func ms(_ layer: String) throws -> [[Double?]] {
            try ShapefileReader(path: ShapefileOracle.fixture(layer + ".shp")).readAll().features.map { f in
                var out: [Double?] = []
                f.geometry?.forEachCoordinate { out.append($0.m) }
                return out
            }
        }
        #expect(try ms("pointm") == [[7.5], [-2]])
        #expect(try ms("linezm") == [[0, 1.5, 3], [10, 11, 12, 13, 14]])
        #expect(try ms("polygonm") == [[1, 4, 3, 2, 1]])
        let pz = try ShapefileReader(path: ShapefileOracle.fixture("pointz.shp")).readAll().features
        #expect(pz.map { f -> Double? in if case .point(let p)? = f.geometry { return p.coordinate.z } else { return nil } } == [455.5, 800])
    }

    @Test("Cyrillic text in CP1251 and CP866 DBFs", arguments: [
        ("cyr_ldid201", TextEncoding.windows1251), ("cyr_ldid101", .cp866), ("cyr_ldid38", .cp866), ("cyr_cpg1251", .windows1251),
    ])
    func cyrillic(layer: String, encoding: TextEncoding) throws {
        let path = ShapefileOracle.fixture(layer + ".shp")
        let reader = try ShapefileReader(path: path)
        #expect(reader.info.encoding == encoding)
        let names = try reader.readAll().features.map { $0["name"] }
        #expect(names == [.string("Ташкент"), .string("Душанбе"), .string("Бишкек Ёё")])
        let diffs = ShapefileOracle.differences(try reader.readAll().features, try ShapefileOracle.gdalFeatures(path))
        #expect(diffs.isEmpty, "\(diffs)")
    }

    @Test("an explicit encoding overrides the language-driver byte")
    func override() throws {
        let reader = try ShapefileReader(path: ShapefileOracle.fixture("cyr_ldid201.shp"), encoding: .iso8859_1)
        #expect(reader.info.encoding == .iso8859_1)
        #expect(try reader.next()?["name"] == .string("\u{D2}\u{E0}\u{F8}\u{EA}\u{E5}\u{ED}\u{F2}"))
    }
}
