import Foundation
import GeoCore
import RouteAnalysis
import TestSupport

/// Loads the listed reference graph (routing_small_*.csv) and the 20 OD pairs.
enum SmallReferenceGraph {
    struct ODPair { let origin: Int; let dest: Int; let length: Double; let time: Double }

    static func graph() throws -> RoadGraph {
        let nodes = try ReferenceFiles.csv("routing_small_nodes.csv").rows.map {
            Coordinate(Double($0[1])!, Double($0[2])!)
        }
        let edges = try ReferenceFiles.csv("routing_small_edges.csv").rows.map {
            RoadEdge(from: Int($0[0])!, to: Int($0[1])!, lengthMeters: Double($0[2])!, timeSeconds: Double($0[3])!,
                     roadClass: $0[4] == "1" ? "highway" : "local")
        }
        return try RoadGraph(coordinates: .planar, nodes: nodes, edges: edges)
    }

    static func odPairs() throws -> [ODPair] {
        try ReferenceFiles.csv("routing_small_od20.csv").rows.map {
            ODPair(origin: Int($0[0])!, dest: Int($0[1])!, length: Double($0[6])!, time: Double($0[8])!)
        }
    }
}
