import Foundation
import GeoCore
import Testing
@testable import GeoTopology

/// Small cases whose answers can be worked out on paper.
@Suite struct HandCheckedTests {
    static func square(_ x: Double, _ y: Double, _ size: Double = 1) -> Geometry {
        .polygon(Polygon(exterior: LinearRing([
            Coordinate(x, y), Coordinate(x + size, y), Coordinate(x + size, y + size),
            Coordinate(x, y + size), Coordinate(x, y),
        ])))
    }

    let unit = square(0, 0)

    @Test func predicatesOfUnitSquares() throws {
        let neighbour = Self.square(1, 0)   // shares the edge x = 1
        let shifted = Self.square(0.5, 0.5) // overlaps a quarter
        let inner = Self.square(0.25, 0.25, 0.5)
        let far = Self.square(5, 5)
        #expect(try unit.touches(neighbour) && !unit.overlaps(neighbour) && unit.intersects(neighbour))
        #expect(try unit.overlaps(shifted) && !unit.touches(shifted))
        #expect(try unit.contains(inner) && inner.within(unit) && unit.covers(inner) && inner.coveredBy(unit))
        #expect(try !inner.contains(unit))
        #expect(try unit.disjoint(far) && !unit.intersects(far))
        let line: Geometry = .lineString(LineString([Coordinate(-1, 0.5), Coordinate(2, 0.5)]))
        #expect(try line.crosses(unit))
        // The same square, drawn from another corner and the other way round.
        let redrawn: Geometry = .polygon(Polygon(exterior: LinearRing([
            Coordinate(1, 1), Coordinate(1, 0), Coordinate(0, 0), Coordinate(0, 1), Coordinate(1, 1),
        ])))
        #expect(try unit.topologicallyEquals(redrawn))
        #expect(unit != redrawn)
        // Boundary point: covered but not contained.
        let corner: Geometry = .point(Point(x: 1, y: 1))
        #expect(try !unit.contains(corner) && unit.covers(corner))
    }

    @Test func measuresOfUnitSquare() throws {
        #expect(try unit.area() == 1)
        #expect(try unit.length() == 4)
        #expect(try unit.centroid() == .point(Point(x: 0.5, y: 0.5)))
        #expect(try unit.distance(to: Self.square(3, 0)) == 2)
        #expect(try Geometry.point(Point(x: 0, y: 0)).distance(to: .point(Point(x: 3, y: 4))) == 5)
        #expect(throws: TopologyError.self) { try unit.distance(to: .empty) }
    }

    @Test func overlayOfUnitSquares() throws {
        let shifted = Self.square(0.5, 0.5)
        #expect(try unit.union(shifted).area() == 1.75)
        #expect(try unit.intersection(shifted).area() == 0.25)
        #expect(try unit.difference(shifted).area() == 0.75)
        #expect(try unit.symmetricDifference(shifted).area() == 1.5)
        let disjoint = try unit.intersection(Self.square(5, 5))
        #expect(disjoint.isEmpty)
        let row = (0..<10).map { Self.square(Double($0), 0) }
        let merged = try Geometry.unaryUnion(row)
        #expect(try merged.area() == 10)
        #expect(merged.typeName == "Polygon")
        #expect(try Geometry.unaryUnion([]) == .empty)
    }

    @Test func bufferStyles() throws {
        let point: Geometry = .point(Point(x: 0, y: 0))
        // A round buffer with n segments per quadrant is a regular 4n-gon inscribed in the circle.
        for n in [1, 2, 8, 32] {
            let sides = Double(4 * n)
            let expected = sides / 2 * sin(2 * Double.pi / sides)
            let area = try point.buffer(distance: 1, options: BufferOptions(quadrantSegments: n)).area()
            #expect(abs(area - expected) < 1e-12, "quadrantSegments \(n)")
        }
        let segment: Geometry = .lineString(LineString([Coordinate(0, 0), Coordinate(10, 0)]))
        #expect(try segment.buffer(distance: 1, options: BufferOptions(endCap: .flat)).area() == 20)
        #expect(try segment.buffer(distance: 1, options: BufferOptions(endCap: .square)).area() == 24)
        // Square corners: mitre keeps them (area 3 x 3), bevel cuts each corner by 0.5.
        #expect(try unit.buffer(distance: 1, options: BufferOptions(join: .mitre)).area() == 9)
        #expect(abs(try unit.buffer(distance: 1, options: BufferOptions(join: .bevel)).area() - 7) < 1e-12)
        #expect(try unit.buffer(distance: -0.6).isEmpty)
        #expect(throws: TopologyError.self) { try unit.buffer(distance: .nan) }
    }

    @Test func hullsEnvelopeAndSimplify() throws {
        let lShape: Geometry = .polygon(Polygon(exterior: LinearRing([
            Coordinate(0, 0), Coordinate(2, 0), Coordinate(2, 1), Coordinate(1, 1), Coordinate(1, 2),
            Coordinate(0, 2), Coordinate(0, 0),
        ])))
        #expect(try lShape.convexHull().area() == 3.5)
        #expect(try lShape.envelope().area() == 4)
        #expect(try lShape.concaveHull(ratio: 1).area() == 3.5)
        #expect(throws: TopologyError.self) { try lShape.concaveHull(ratio: 2) }
        let wiggle: Geometry = .lineString(LineString([
            Coordinate(0, 0), Coordinate(1, 0.01), Coordinate(2, 0), Coordinate(3, 0.01), Coordinate(4, 0),
        ]))
        #expect(try wiggle.simplify(tolerance: 0.1) == .lineString(LineString([Coordinate(0, 0), Coordinate(4, 0)])))
        #expect(try wiggle.topologyPreservingSimplify(tolerance: 0.1).coordinateCount == 2)
        #expect(throws: TopologyError.self) { try wiggle.simplify(tolerance: -1) }
    }

    @Test func validity() throws {
        #expect(try unit.isValid())
        #expect(try unit.validityReason() == "Valid Geometry")
        let bowTie = try Geometry(wkt: "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))")
        #expect(try !bowTie.isValid())
        #expect(try bowTie.makeValid().area() == 2)
    }

    @Test func lineWork() throws {
        // Two crossing lines: noding cuts each in two at (1, 1).
        let cross = try Geometry(wkt: "MULTILINESTRING ((0 0, 2 2), (0 2, 2 0))")
        guard case .multiLineString(let noded) = try cross.node() else { Issue.record("node type"); return }
        #expect(noded.lineStrings.count == 4)
        let chain = try Geometry(wkt: "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (2 0, 2 1))")
        #expect(try chain.lineMerge().coordinateCount == 4)
        let sides = try ["LINESTRING (0 0, 1 0)", "LINESTRING (1 0, 1 1)", "LINESTRING (1 1, 0 1)", "LINESTRING (0 1, 0 0)"]
            .map { try Geometry(wkt: $0) }
        let polygons = try Geometry.polygonize(sides)
        #expect(try polygons.area() == 1)
    }

    @Test func zIsKeptThroughGEOS() throws {
        let g: Geometry = .lineString(LineString([Coordinate(x: 0, y: 0, z: 5), Coordinate(x: 1, y: 1, z: 7)]))
        #expect(try g.simplify(tolerance: 0) == g)
        #expect(try g.wkt() == "LINESTRING Z (0 0 5, 1 1 7)")
    }

    @Test func badStructureThrowsWithGEOSMessage() throws {
        // GeoCore lets an unclosed ring be built; GEOS refuses it when converting.
        let open: Geometry = .polygon(Polygon(exterior: LinearRing([Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 1)])))
        do {
            _ = try open.area()
            Issue.record("an unclosed ring was accepted")
        } catch let error as TopologyError {
            #expect(error.operation == "GEOSGeom_createLinearRing_r")
            #expect(error.message.contains("closed"), "message: \(error.message)")
        }
    }
}
