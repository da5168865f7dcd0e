import Foundation
import GeoCore
import GeoFormats
import RouteAnalysis
import TestSupport
import Testing

/// Hand-made networks near (40 N, 70 E) whose expected node/edge counts are worked by hand.
@Suite struct NetworkBuildTests {
    static func line(_ pts: [(Double, Double)], _ props: [String: PropertyValue] = [:]) -> Feature {
        Feature(geometry: .lineString(LineString(pts.map { Coordinate($0.0, $0.1) })), properties: props)
    }

    @Test func crossingLinesAreSplitAtTheirIntersection() throws {
        // a west-east and a south-north line crossing between vertices: 5 nodes, 4 edges
        let layer = FeatureCollection(features: [
            Self.line([(70.0, 40.0), (70.02, 40.0)]), Self.line([(70.01, 39.99), (70.01, 40.01)]),
        ])
        let g = try RoadGraph.build(from: layer)
        #expect(g.nodeCount == 5)
        #expect(g.edgeCount == 4)
        #expect(g.summary.danglingEnds == 4)
        #expect(g.componentSizes == [5])
    }

    @Test func bridgesAreNotNodedWhereTheyCross() throws {
        let layer = FeatureCollection(features: [
            Self.line([(70.0, 40.0), (70.02, 40.0)]),
            Self.line([(70.01, 39.99), (70.01, 40.01)], ["bridge": .string("yes")]),
        ])
        let g = try RoadGraph.build(from: layer)
        #expect(g.nodeCount == 4)
        #expect(g.edgeCount == 2)
        #expect(g.componentSizes == [2, 2])
        let noBridgeRule = try RoadGraph.build(from: layer, options: RoadNetworkOptions(levelFields: [:]))
        #expect(noBridgeRule.edgeCount == 4)
    }

    @Test func aLineEndingWithinToleranceIsJoined() throws {
        // the north-south line stops 0.5 m south of the west-east line (0.5 m = 0.5 / 111,195 deg)
        let gap = 0.5 / 111_195.0
        let layer = FeatureCollection(features: [
            Self.line([(70.0, 40.0), (70.02, 40.0)]), Self.line([(70.01, 39.99), (70.01, 40.0 - gap)]),
        ])
        let joined = try RoadGraph.build(from: layer)
        #expect(joined.edgeCount == 3 && joined.nodeCount == 4 && joined.componentSizes == [4])
        let apart = try RoadGraph.build(from: layer, options: RoadNetworkOptions(snapToleranceMeters: 0.1))
        #expect(apart.edgeCount == 2 && apart.componentSizes == [2, 2])
    }

    @Test func sharedVerticesBecomeNodesAndInteriorVerticesStayGeometry() throws {
        // two lines meeting end to end, one with an interior vertex: 3 nodes, 2 edges, 4 vertices kept
        let layer = FeatureCollection(features: [
            Self.line([(70.0, 40.0), (70.005, 40.001), (70.01, 40.0)]), Self.line([(70.01, 40.0), (70.02, 40.0)]),
        ])
        let g = try RoadGraph.build(from: layer)
        #expect(g.nodeCount == 3 && g.edgeCount == 2)
        #expect(g.geometry(ofEdge: 0).count == 3)
        #expect(g.edgeFeature == [0, 1])
    }

    @Test func lengthIsGeodesicAndTimeUsesTheClassSpeed() throws {
        // one degree of longitude on the equator is a * pi / 180 = 6378137 * pi / 180 m (WGS 84)
        let layer = FeatureCollection(features: [Self.line([(10.0, 0.0), (11.0, 0.0)], ["type": .string("Major Highway")])])
        let g = try RoadGraph.build(from: layer)
        let expected = 6_378_137.0 * Double.pi / 180
        #expect(abs(g.edgeLength[0] - expected) < 1e-6)
        #expect(abs(g.edgeTime[0] - expected / (90 / 3.6)) < 1e-6)
        #expect(g.className(ofEdge: 0) == "Major Highway")
    }

    @Test func oneWayValuesSetDirection() throws {
        let layer = FeatureCollection(features: [
            Self.line([(70.0, 40.0), (70.01, 40.0)], ["oneway": .string("yes")]),
            Self.line([(70.0, 40.01), (70.01, 40.01)], ["oneway": .string("-1")]),
            Self.line([(70.0, 40.02), (70.01, 40.02)]),
        ])
        let g = try RoadGraph.build(from: layer)
        #expect(g.edgeOneWay == [true, true, false])
        // the reversed line now runs east -> west
        #expect(g.node(Int(g.edgeFrom[1])).x == 70.01 && g.node(Int(g.edgeTo[1])).x == 70.0)
        #expect(throws: RouteAnalysisError.disconnected(fromIndex: 0, toIndex: 1)) {
            try g.shortestPath(from: Int(g.edgeTo[0]), to: Int(g.edgeFrom[0]))
        }
    }

    @Test func speedTableReadsJSONAndRejectsZeroSpeeds() throws {
        let t = try RoadSpeedTable(json: Data(#"{"default_kmh": 40, "classes": {"Road": 55}}"#.utf8))
        #expect(t.kmh("Road") == 55 && t.kmh("Track") == 40 && t.kmh(nil) == 40)
        #expect(throws: RouteAnalysisError.self) { try RoadSpeedTable(json: Data(#"{"default_kmh": 0, "classes": {}}"#.utf8)) }
    }

    @Test func emptyLayerIsAClearError() {
        #expect(throws: RouteAnalysisError.self) { try RoadGraph.build(from: FeatureCollection(features: [])) }
    }

    @Test func naturalEarthRoadsBuildIntoAMostlyConnectedNetwork() throws {
        let layer = try ShapefileReader(path: PythonOracle.repositoryRoot.appendingPathComponent("Shapefiles/ca_roads.shp").path).readAll()
        let g = try RoadGraph.build(from: layer)
        let s = g.summary
        #expect(s.edges >= layer.features.count)
        #expect(Set(g.classNames).isSuperset(of: ["Major Highway", "Road", "Unknown"]))
        #expect(s.largestComponent > s.nodes / 2, "\(s)")
        print("ca_roads:", s)
    }
}
