import GeoCore
import Testing
@testable import GeoTopology

/// Many tasks using GEOS at once: each thread has its own context, so answers must match the
/// single-threaded (shapely-checked) ones and nothing may crash or mix up error messages.
@Suite struct ConcurrencyTests {
    @Test func manyTasksAtOnce() async throws {
        let fx = ShapelyFixtures.shared
        let countries = ShapelyFixtures.countries
        let jobs = 64
        let results = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for job in 0..<jobs {
                group.addTask {
                    let pair = fx.pairs[job % fx.pairs.count]
                    guard let a = countries[pair.a], let b = countries[pair.b] else { return (job, false) }
                    var ok = try a.touches(b) == pair.touches
                    ok = try ok && close(a.union(b).area(), pair.union_area, rel: 1e-9)
                    let single = try #require(fx.singles[pair.a])
                    ok = try ok && close(a.buffer(distance: 0.1).area(), single.buffers[0].area, rel: 1e-9)
                    // Errors on one thread must carry their own message.
                    do {
                        _ = try Geometry(wkt: "POLYGON ((0 0, 1 1")
                        ok = false
                    } catch let error as TopologyError {
                        ok = ok && error.operation == "GEOSWKTReader_read_r" && !error.message.isEmpty
                    }
                    let prepared = try PreparedGeometry(a)
                    let pts = fx.points_in_tjk
                    if pair.a == "TJK" {
                        for (p, expected) in zip(pts.points.prefix(50), pts.contains) {
                            ok = try ok && prepared.contains(x: p[0], y: p[1]) == expected
                        }
                    }
                    return (job, ok)
                }
            }
            var out: [Int: Bool] = [:]
            for try await (job, ok) in group { out[job] = ok }
            return out
        }
        #expect(results.count == jobs)
        #expect(results.values.allSatisfy { $0 }, "failed jobs: \(results.filter { !$0.value }.keys.sorted())")
    }

    @Test func strTreeQueriedFromManyTasks() async {
        let boxes: [BoundingBox] = (0..<2000).map { (i: Int) -> BoundingBox in
            let x = Double(i % 50), y = Double(i / 50)
            return BoundingBox(minX: x, minY: y, maxX: x + 1.5, maxY: y + 1.5)
        }
        let tree = STRtree(boxes: boxes)
        let counts = await withTaskGroup(of: Int.self) { group in
            for t in 0..<32 {
                group.addTask {
                    let q = BoundingBox(minX: Double(t), minY: Double(t), maxX: Double(t) + 3, maxY: Double(t) + 3)
                    return tree.query(q).count == boxes.indices.filter { boxes[$0].intersects(q) }.count ? 1 : 0
                }
            }
            return await group.reduce(0, +)
        }
        #expect(counts == 32)
    }
}
