import Foundation
import RouteAnalysis

/// Routing benchmark (Benchmarks/routing.sh): placeholder until the graph lands.
enum RoutingBenchmark {
    static func run(_ args: [String]) throws {}
}
