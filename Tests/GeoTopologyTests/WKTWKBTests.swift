import Foundation
import GeoCore
import Testing
@testable import GeoTopology

/// WKT and WKB reading and writing; WKB bytes are checked against shapely's output.
@Suite struct WKTWKBTests {
    static let fx = ShapelyFixtures.shared

    @Test(arguments: [
        "POINT (1 2)",
        "POINT Z (1 2 3)",
        "LINESTRING (0 0, 1 1, 2 0)",
        "LINESTRING EMPTY",
        "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 2 2))",
        "POLYGON EMPTY",
        "MULTIPOINT (0 0, 1 1)",  // GEOS 3.11 writes points unparenthesised
        "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))",
        "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 5 5))",
        "GEOMETRYCOLLECTION EMPTY",
    ])
    func wktRoundTrip(wkt: String) throws {
        let g = try Geometry(wkt: wkt)
        #expect(try g.wkt() == wkt)
        #expect(try Geometry(wkt: try g.wkt()) == g)
    }

    @Test func wktValues() throws {
        let g = try Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 0), (0.2 0.1, 0.9 0.8, 0.9 0.1, 0.2 0.1))")
        guard case .polygon(let p) = g else { Issue.record("not a polygon"); return }
        #expect(p.exterior.coordinates.count == 4 && p.holes.count == 1)
        #expect(p.holes[0].coordinates[0] == Coordinate(0.2, 0.1))
        #expect(try Geometry(wkt: "POINT Z (1 2 3)") == .point(Point(Coordinate(x: 1, y: 2, z: 3))))
        // POINT EMPTY has no GeoCore point: it reads as the empty collection.
        #expect(try Geometry(wkt: "POINT EMPTY") == .empty)
        #expect(try Geometry(wkt: "MULTIPOINT ((0 0), (1 1))") == Geometry(wkt: "MULTIPOINT (0 0, 1 1)"))
    }

    @Test func wktPrecisionAndTrim() throws {
        let g: Geometry = .point(Point(x: 1.0 / 3.0, y: 2))
        #expect(try g.wkt(precision: 3) == "POINT (0.333 2)")
        #expect(try g.wkt(precision: 3, trim: false) == "POINT (0.333 2.000)")
        // Full precision round-trips the exact doubles.
        let tjk = ShapelyFixtures.country("TJK")
        #expect(try Geometry(wkt: try tjk.wkt()) == tjk)
    }

    @Test(arguments: ["", "POINT", "POINT (1)", "POLYGON ((0 0, 1 1)", "LINESTRING (0 0, a b)", "CIRCLE (0 0 1)"])
    func malformedWKTThrows(text: String) {
        do {
            _ = try Geometry(wkt: text)
            Issue.record("accepted malformed WKT \(text)")
        } catch let error as TopologyError {
            #expect(!error.message.isEmpty, "message for \(text)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// Our WKB must be byte-identical to shapely's (little endian, EWKB Z flag).
    @Test(arguments: fx.wkb.indices) func wkbMatchesShapely(index: Int) throws {
        let c = Self.fx.wkb[index]
        let g = try Geometry(wkt: c.wkt)
        #expect(try g.wkbHex() == c.hex, "\(c.wkt)")
        #expect(try Geometry(wkbHex: c.hex) == g)
        #expect(try Geometry(wkbHex: c.hex.lowercased()) == g)
        let bytes = try g.wkb()
        #expect(bytes.count * 2 == c.hex.count)
        #expect(try Geometry(wkb: bytes) == g)
        #expect(try Geometry(wkb: try g.wkb(byteOrder: .bigEndian)) == g)
    }

    @Test func countryWKBRoundTrip() throws {
        let uzb = ShapelyFixtures.country("UZB")
        #expect(try Geometry(wkb: try uzb.wkb()) == uzb)
    }

    @Test func truncatedWKBThrows() throws {
        let full = try ShapelyFixtures.country("KGZ").wkb()
        for cut in [1, 5, 9, 13, full.count / 2, full.count - 1] {
            do {
                _ = try Geometry(wkb: full.prefix(cut))
                Issue.record("accepted WKB truncated to \(cut) bytes")
            } catch let error as TopologyError {
                #expect(!error.message.isEmpty, "message for \(cut) bytes")
            }
        }
        #expect(throws: TopologyError.self) { try Geometry(wkb: Data()) }
    }

    @Test(arguments: ["0", "01010000", "ZZ", "0101000000000000000000F03F00000000000000", "0109000000"])
    func malformedHexThrows(hex: String) {
        do {
            _ = try Geometry(wkbHex: hex)
            Issue.record("accepted malformed hex \(hex)")
        } catch let error as TopologyError {
            #expect(!error.message.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func hugeCountInWKBDoesNotCrash() {
        // A LineString claiming 2^32-1 points but carrying none.
        let bytes = Data([0x01, 0x02, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: TopologyError.self) { try Geometry(wkb: bytes) }
    }
}
