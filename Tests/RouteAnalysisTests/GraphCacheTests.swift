import Foundation
import GeoCore
import GeoFormats
import RouteAnalysis
import TestSupport
import Testing

@Suite struct GraphCacheTests {
    @Test func serializedGraphReadsBackIdentical() throws {
        let path = PythonOracle.repositoryRoot.appendingPathComponent("Shapefiles/ca_roads.shp").path
        let g = try RoadGraph.build(from: try ShapefileReader(path: path).readAll())
        let back = try RoadGraph(serialized: g.serialized())
        #expect(back.nodeX == g.nodeX && back.nodeY == g.nodeY && back.edgeFrom == g.edgeFrom && back.edgeTo == g.edgeTo)
        #expect(back.edgeLength == g.edgeLength && back.edgeTime == g.edgeTime && back.edgeOneWay == g.edgeOneWay)
        #expect(back.edgeClass == g.edgeClass && back.classNames == g.classNames && back.edgeFeature == g.edgeFeature)
        #expect(back.geometryStart == g.geometryStart && back.geometryX == g.geometryX && back.geometryY == g.geometryY)
        #expect(back.outArc == g.outArc && back.componentSizes == g.componentSizes)
    }

    @Test func truncatedOrForeignFilesAreRejected() throws {
        let g = try SmallReferenceGraph.graph()
        let data = g.serialized()
        #expect(throws: RouteAnalysisError.self) { try RoadGraph(serialized: data.prefix(data.count / 2)) }
        #expect(throws: RouteAnalysisError.self) { try RoadGraph(serialized: Data("not a graph".utf8)) }
    }

    @Test func cacheIsWrittenBesideTheSourceAndReusedByKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("roadgraph-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("roads.geojson")
        let bytes = Data("roads v1".utf8)
        let layer = FeatureCollection(features: [Feature(geometry: .lineString(LineString([Coordinate(70, 40), Coordinate(70.01, 40)])))])
        var builds = 0
        let first = try RoadGraphCache.loadOrBuild(source: source, sourceBytes: bytes) { builds += 1; return layer }
        let second = try RoadGraphCache.loadOrBuild(source: source, sourceBytes: bytes) { builds += 1; return layer }
        #expect(builds == 1 && first.edgeLength == second.edgeLength)
        _ = try RoadGraphCache.loadOrBuild(source: source, sourceBytes: bytes,
                                           options: RoadNetworkOptions(snapToleranceMeters: 5)) { builds += 1; return layer }
        _ = try RoadGraphCache.loadOrBuild(source: source, sourceBytes: Data("roads v2".utf8)) { builds += 1; return layer }
        #expect(builds == 3)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("roads.geojson.roadgraph-") }
        #expect(files.count == 3)
    }
}
