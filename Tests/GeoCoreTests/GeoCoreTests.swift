import Foundation
import Testing
@testable import GeoCore

@Suite struct GeometryTests {
    let square = LinearRing([Coordinate(0, 0), Coordinate(2, 0), Coordinate(2, 2), Coordinate(0, 2), Coordinate(0, 0)])

    @Test func ringOrientationAndArea() {
        #expect(square.signedArea == 4)
        #expect(square.isCounterClockwise)
        #expect(square.reversed().signedArea == -4)
        #expect(square.oriented(counterClockwise: false).isCounterClockwise == false)
        #expect(square.isClosedRing)
    }

    @Test func pointInRing() {
        #expect(square.contains(Coordinate(1, 1)))
        #expect(!square.contains(Coordinate(3, 1)))
        #expect(!square.contains(Coordinate(1, -0.5)))
    }

    @Test func boundingBoxOfCollection() {
        let g = Geometry.geometryCollection(GeometryCollection([
            .point(Point(x: -5, y: 3)),
            .polygon(Polygon(exterior: square)),
        ]))
        #expect(g.boundingBox == BoundingBox(minX: -5, minY: 0, maxX: 2, maxY: 3))
        #expect(g.coordinateCount == 6)
        #expect(g.dimension == 2)
        #expect(Geometry.empty.isEmpty && Geometry.empty.boundingBox == nil)
    }

    @Test func mapCoordinatesKeepsStructure() {
        let g = Geometry.polygon(Polygon(exterior: square, holes: [square]))
        let shifted = g.mapCoordinates { Coordinate($0.x + 10, $0.y) }
        guard case .polygon(let p) = shifted else { Issue.record("type changed"); return }
        #expect(p.holes.count == 1)
        #expect(p.exterior.coordinates[1] == Coordinate(12, 0))
    }

    @Test func coordinateEqualityConsidersZ() {
        #expect(Coordinate(1, 2) != Coordinate(x: 1, y: 2, z: 0))
        #expect(Coordinate(x: 1, y: 2, z: 3) == Coordinate(x: 1, y: 2, z: 3))
    }
}

@Suite struct BoundingBoxTests {
    @Test(arguments: ["66,36,76,44", " 66 , 36 , 76 , 44 "])
    func parsesWSEN(_ text: String) {
        #expect(BoundingBox(parsing: text) == BoundingBox(minX: 66, minY: 36, maxX: 76, maxY: 44))
    }

    @Test(arguments: ["76,36,66,44", "1,2,3", "a,b,c,d", "1,2,3,nan", "1,2,3,4,5", ""])
    func rejectsMalformed(_ text: String) {
        #expect(BoundingBox(parsing: text) == nil)
    }

    @Test func intersection() {
        let a = BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10)
        let b = BoundingBox(minX: 5, minY: 5, maxX: 15, maxY: 15)
        #expect(a.intersection(b) == BoundingBox(minX: 5, minY: 5, maxX: 10, maxY: 10))
        #expect(a.intersection(BoundingBox(minX: 11, minY: 0, maxX: 12, maxY: 1)) == nil)
        #expect(a.expanded(by: 1) == BoundingBox(minX: -1, minY: -1, maxX: 11, maxY: 11))
    }
}

@Suite struct ValueTests {
    @Test func calendarDate() {
        #expect(CalendarDate(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "19991231") == CalendarDate(year: 1999, month: 12, day: 31))
        #expect(CalendarDate(iso: "2024-13-01") == nil)
    }

    @Test func daysSinceEpochAgreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Foundation switches to the Julian calendar before October 1582; compare after it.
        for days in stride(from: -140_000, through: 800_000, by: 997) {
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            let civil = CalendarDate.civil(daysSinceEpoch: days)
            #expect(civil.year == c.year && civil.month == c.month && civil.day == c.day, "day \(days)")
            #expect(CalendarDate.daysSinceEpoch(year: c.year!, month: c.month!, day: c.day!) == days)
        }
        #expect(CalendarDate(year: 2024, month: 2, day: 29)?.daysSinceEpoch == 19_782)
    }

    @Test(arguments: [("25km", 25_000.0), ("800m", 800), ("1.5 km", 1500), ("2nmi", 3704), ("1mi", 1609.344)])
    func lengthParsing(_ text: String, _ meters: Double) {
        #expect(Length(parsing: text)?.meters == meters)
    }

    @Test(arguments: ["25", "km", "-3km", "5 parsecs"])
    func lengthRejectsBareOrBad(_ text: String) {
        #expect(Length(parsing: text) == nil)
    }

    @Test func inferredFields() {
        let fc = FeatureCollection(fields: [Field(name: "name", type: .string)], features: [
            Feature(geometry: nil, properties: ["name": .string("a"), "n": .integer(1), "q": .integer(2)]),
            Feature(geometry: nil, properties: ["n": .double(1.5), "q": .string("x")]),
        ])
        #expect(fc.allFields.map(\.name) == ["name", "n", "q"])
        #expect(fc.allFields.map(\.type) == [.string, .real, .string])
    }
}

@Suite struct GridTests {
    @Test func geometryOfCells() throws {
        var g = try Grid(width: 4, height: 3, originX: 100, originY: 50, cellSize: 10)
        #expect(g.bounds == BoundingBox(minX: 100, minY: 20, maxX: 140, maxY: 50))
        #expect(g.cellCenter(row: 0, column: 0) == Coordinate(105, 45))
        #expect(g.cell(containing: Coordinate(139, 21))! == (2, 3))
        #expect(g.cell(containing: Coordinate(140, 21)) == nil)
        g[1, 2] = 7
        #expect(g.valueRange == 0...7)
    }

    @Test func rejectsInconsistentSizes() {
        #expect(throws: Grid.GridError.invalidSize(width: 0, height: 3)) {
            try Grid(width: 0, height: 3, originX: 0, originY: 0, cellSize: 1)
        }
        #expect(throws: Grid.GridError.valueCountMismatch(expected: 4, got: 3)) {
            try Grid(width: 2, height: 2, originX: 0, originY: 0, cellSize: 1, values: [1, 2, 3])
        }
        #expect(throws: Grid.GridError.invalidCellSize(0)) {
            try Grid(width: 2, height: 2, originX: 0, originY: 0, cellSize: 0)
        }
    }
}
