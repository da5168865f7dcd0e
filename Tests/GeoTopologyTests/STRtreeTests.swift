import GeoCore
import Testing
import TestSupport
@testable import GeoTopology

/// STRtree against brute force on seeded random boxes.
@Suite struct STRtreeTests {
    typealias SplitMix = SplitMix64

    static func randomBoxes(_ n: Int, seed: UInt64, size: Double = 5) -> [BoundingBox] {
        var rng = SplitMix(seed: seed)
        return (0..<n).map { _ in
            let x = Double.random(in: 0..<1000, using: &rng), y = Double.random(in: 0..<1000, using: &rng)
            return BoundingBox(minX: x, minY: y, maxX: x + Double.random(in: 0...size, using: &rng),
                               maxY: y + Double.random(in: 0...size, using: &rng))
        }
    }

    @Test(arguments: [(0, 10), (1, 10), (7, 4), (100, 10), (5000, 10), (5000, 2), (5003, 16)])
    func queryMatchesBruteForce(n: Int, capacity: Int) {
        let boxes = Self.randomBoxes(n, seed: UInt64(n * 31 + capacity))
        let tree = STRtree(boxes: boxes, nodeCapacity: capacity)
        #expect(tree.count == n)
        let queries = Self.randomBoxes(200, seed: 99, size: 80)
        for q in queries {
            let expected = boxes.indices.filter { boxes[$0].intersects(q) }
            #expect(tree.query(q) == expected)
        }
        let everything = BoundingBox(minX: -1, minY: -1, maxX: 2000, maxY: 2000)
        #expect(tree.query(everything) == Array(boxes.indices))
    }

    @Test func touchingEdgesAndMissingBoxes() {
        let boxes: [BoundingBox?] = [BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1), nil,
                                     BoundingBox(minX: 2, minY: 2, maxX: 3, maxY: 3)]
        let tree = STRtree(boxes: boxes)
        #expect(tree.count == 2)
        #expect(tree.query(BoundingBox(minX: 1, minY: 1, maxX: 2, maxY: 2)) == [0, 2])
        #expect(tree.query(BoundingBox(minX: 1.1, minY: 1.1, maxX: 1.9, maxY: 1.9)) == [])
        #expect(STRtree(boxes: []).query(BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)) == [])
        #expect(STRtree(boxes: []).nearest(to: Coordinate(0, 0)).isEmpty)
        let geoms = STRtree(geometries: [.empty, .point(Point(x: 5, y: 5))])
        #expect(geoms.query(BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10)) == [1])
    }

    @Test func nearestMatchesBruteForce() {
        let boxes = Self.randomBoxes(3000, seed: 7)
        let tree = STRtree(boxes: boxes)
        var rng = SplitMix(seed: 42)
        for _ in 0..<100 {
            let p = Coordinate(Double.random(in: -50..<1050, using: &rng), Double.random(in: -50..<1050, using: &rng))
            let brute = boxes.indices.map { (index: $0, distance: STRtree.distance(p, boxes[$0])) }
                .sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }
            let found = tree.nearest(to: p, k: 5)
            #expect(found.map(\.index) == brute.prefix(5).map(\.index))
            #expect(found.map(\.distance) == brute.prefix(5).map(\.distance))
        }
    }

    @Test func nearestWithExactGeometryDistance() throws {
        // Diagonal lines: their boxes overlap a query point that is far from the lines themselves.
        let lines: [Geometry] = (0..<20).map { i in
            let o = Double(i) * 3
            return .lineString(LineString([Coordinate(o, 0), Coordinate(o + 10, 10)]))
        }
        let tree = STRtree(geometries: lines)
        let p = Coordinate(12, 1)
        let point: Geometry = .point(Point(p))
        let found = try tree.nearest(to: p, k: 1) { try lines[$0].distance(to: point) }
        let brute = try lines.indices.min { try lines[$0].distance(to: point) < lines[$1].distance(to: point) }
        #expect(found.first?.index == brute)
    }
}
