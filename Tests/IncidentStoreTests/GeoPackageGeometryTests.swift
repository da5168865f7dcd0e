import Foundation
import GeoCore
import Testing
@testable import IncidentStore

/// Geometry encoding (GeoPackage binary header + ISO WKB) and CRS rows, read back by GDAL.
/// Expected WKT is written by hand from the input coordinates.
@Suite("GeoPackage geometries and CRS")
struct GeoPackageGeometryTests {
    static func ring(_ points: [(Double, Double)]) -> LinearRing { LinearRing(points.map { Coordinate($0.0, $0.1) }) }

    /// Writes `features` as layer `name` and returns GDAL's `ogrinfo -al` text (stderr must be empty,
    /// and, when `validate`, GDAL's validator must accept the file).
    static func writeAndRead(_ name: String, _ geometries: [Geometry?], crs: String? = nil,
                             file: String? = nil, validate: Bool = true) throws -> (path: String, info: String) {
        let path = try GeoPackageOracle.tempDirectory().appendingPathComponent(file ?? "\(name).gpkg").path
        let layer = FeatureCollection(name: name, fields: [Field(name: "n", type: .integer)],
                                      features: geometries.enumerated().map { Feature(geometry: $1, properties: ["n": .integer(Int64($0))]) },
                                      crs: crs)
        try GeoPackageWriter().write(layer, to: path)
        let o = try GeoPackageOracle.ogrinfo(["-al", path])
        #expect(o.stderr.isEmpty, "GDAL wrote to stderr: \(o.stderr)")
        if validate {
            let v = try GeoPackageOracle.validate(path)
            #expect(v.status == 0, "validate_gpkg.py: \(v.stdout) \(v.stderr)")
        }
        return (path, o.stdout)
    }

    @Test("mixed types: GEOMETRY column; polygon with hole, multi line, collection, empty polygon")
    func mixed() throws {
        let square = Polygon(exterior: Self.ring([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]),
                             holes: [Self.ring([(2, 2), (2, 4), (4, 4), (4, 2), (2, 2)])])
        let geometries: [Geometry?] = [
            .polygon(square),
            .point(Point(x: 5, y: 5)),
            .multiLineString(MultiLineString([LineString([Coordinate(1, 1), Coordinate(2, 2)]),
                                              LineString([Coordinate(3, 3), Coordinate(4, 4)])])),
            .geometryCollection(GeometryCollection([.point(Point(x: 1, y: 2)),
                                                    .lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)]))])),
            .polygon(Polygon(exterior: LinearRing([]))),
        ]
        // GDAL 3.6's validate_gpkg.py reads the empty flag from bit 3 instead of bit 4 and so
        // rejects every empty geometry, GDAL's own included (checked: a Python-osgeo-written
        // POLYGON EMPTY fails it the same way); the blob is compared with GDAL's bytes instead.
        let (path, info) = try Self.writeAndRead("shapes", geometries, validate: false)
        #expect(info.contains("Geometry: Unknown (any)"))
        #expect(info.contains("Extent: (0.000000, 0.000000) - (10.000000, 10.000000)"))
        for wkt in ["POLYGON ((0 0,10 0,10 10,0 10,0 0),(2 2,2 4,4 4,4 2,2 2))", "POINT (5 5)",
                    "MULTILINESTRING ((1 1,2 2),(3 3,4 4))", "GEOMETRYCOLLECTION (POINT (1 2),LINESTRING (0 0,1 1))",
                    "POLYGON EMPTY"] {
            #expect(info.contains(wkt), "GDAL does not show \(wkt)")
        }
        // No CRS and lon/lat-sized coordinates: srs_id 0, "undefined geographic".
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT geometry_type_name, srs_id FROM gpkg_geometry_columns") == "GEOMETRY|0")
        // The empty polygon is not in the R-tree; the four others are.
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT count(*) FROM rtree_shapes_geom") == "4")
        // The empty polygon: flags 0x11 (little endian, empty, no envelope), srs 0, WKB polygon with
        // no rings; byte for byte what GDAL 3.6 writes for POLYGON EMPTY in a GEOMETRY layer.
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT hex(geom) FROM shapes WHERE n = 4") == "4750001100000000010300000000000000")
    }

    @Test("Polygon mixed with MultiPolygon: MULTIPOLYGON column, single polygons promoted")
    func promotion() throws {
        let a = Polygon(exterior: Self.ring([(0, 0), (1, 0), (1, 1), (0, 0)]))
        let b = Polygon(exterior: Self.ring([(5, 5), (6, 5), (6, 6), (5, 5)]))
        let (_, info) = try Self.writeAndRead("areas", [.polygon(a), .multiPolygon(MultiPolygon([a, b])), nil])
        #expect(info.contains("Geometry: Multi Polygon"))
        #expect(info.contains("MULTIPOLYGON (((0 0,1 0,1 1,0 0)))"))
        #expect(info.contains("MULTIPOLYGON (((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))"))
    }

    @Test("3-D lines in UTM 42N: LINESTRING Z with ISO WKB, srs_id 32642 with its WKT")
    func projectedZ() throws {
        let line = LineString([Coordinate(x: 500000, y: 4500000, z: 100), Coordinate(x: 500100.25, y: 4500100, z: 120.5)])
        let (path, info) = try Self.writeAndRead("tracks", [.lineString(line)], crs: "EPSG:32642")
        #expect(info.contains("Geometry: 3D Line String"))
        #expect(info.contains("LINESTRING Z ("))
        let json = try GeoPackageOracle.geoJSON(path)
        let coordinates = try GeoPackageOracle.features(json.stdout).first.map {
            GeoPackageOracle.flatCoordinates(($0["geometry"] as? [String: Any])?["coordinates"])
        }
        #expect(coordinates == [500000, 4500000, 100, 500100.25, 4500100, 120.5])
        #expect(info.contains("ID[\"EPSG\",32642]"))
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT srs_id, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = 32642") == "32642|EPSG|32642")
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT z, m FROM gpkg_geometry_columns") == "1|0")
        // ISO WKB type 1002 (LineString Z) after the 40-byte header: 01 EA030000.
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT hex(substr(geom, 41, 5)) FROM tracks") == "01EA030000")
    }

    @Test("ZM point: POINT ZM, z and m flags set")
    func measured() throws {
        let (path, info) = try Self.writeAndRead("gauges", [.point(Point(Coordinate(x: 1, y: 2, z: 3, m: 4)))])
        #expect(info.contains("POINT ZM (1 2 3 4)"))
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT z, m FROM gpkg_geometry_columns") == "1|1")
    }

    @Test("a CRS without EPSG code gets srs_id 100000, organization NONE, its WKT1")
    func customCRS() throws {
        let laea = "+proj=laea +lat_0=40 +lon_0=70 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
        let (path, info) = try Self.writeAndRead("equal_area", [.point(Point(x: 1000, y: -2000))], crs: laea)
        #expect(info.contains("Lambert Azimuthal Equal Area"))
        #expect(info.contains("POINT (1000 -2000)"))
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT organization, srs_id FROM gpkg_spatial_ref_sys WHERE srs_id > 4326") == "NONE|100000")
        // cs2cs-independent check of the stored definition: GDAL's own WKT1 export names the method.
        let wkt = try GeoPackageOracle.sqlite3(path, "SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = 100000")
        #expect(wkt.hasPrefix("PROJCS[") && wkt.contains("Lambert_Azimuthal_Equal_Area"))
    }

    @Test("a caller-given SRS row (id, organization, WKT from gdalsrsinfo) is stored and used")
    func givenSRS() throws {
        let wkt = try GeoPackageOracle.run("/usr/bin/gdalsrsinfo", ["-o", "wkt1", "EPSG:28413"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(wkt.hasPrefix("PROJCS["))
        let srs = GeoPackageSpatialReference(name: "Pulkovo 1942 / Gauss-Kruger zone 13", id: 28413, organization: "EPSG",
                                             organizationCoordsysID: 28413, definition: wkt)
        let path = try GeoPackageOracle.tempDirectory().appendingPathComponent("gk.gpkg").path
        let layer = FeatureCollection(name: "posts", features: [Feature(geometry: .point(Point(x: 13_500_000, y: 4_500_000)))])
        try GeoPackageWriter(options: GeoPackageWriteOptions(spatialReference: srs)).write(layer, to: path)
        let o = try GeoPackageOracle.ogrinfo(["-so", path, "posts"])
        #expect(o.stderr.isEmpty, "GDAL wrote to stderr: \(o.stderr)")
        #expect(o.stdout.contains("ID[\"EPSG\",28413]"))
        #expect(o.stdout.contains("Extent: (13500000.000000, 4500000.000000) - (13500000.000000, 4500000.000000)"))
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT srs_name FROM gpkg_spatial_ref_sys WHERE srs_id = 28413") == srs.name)
        let v = try GeoPackageOracle.validate(path)
        #expect(v.status == 0, "validate_gpkg.py: \(v.stdout) \(v.stderr)")
    }
}
