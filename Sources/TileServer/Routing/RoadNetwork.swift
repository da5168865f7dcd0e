import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import RouteAnalysis

/// A road network ready for routing: the graph built from a lines layer (shapefile or GeoJSON)
/// and cached beside it through `RoadGraphCache`, with a router and its contraction hierarchies.
/// `bordermap route`, `reach` and `network-density` and the server's `/route` and `/reach` load
/// their network through it.
public struct RoadNetwork: Sendable {
    /// The lines layer the graph was built from.
    public let source: URL
    /// The router (graph, nearest-edge index, hierarchies).
    public let router: RouteAnalysis.Router
    /// True when the graph was read from the cache file instead of being built.
    public let usedCache: Bool
    /// The cache file beside the source.
    public let cacheFile: URL

    /// The graph.
    public var graph: RoadGraph { router.graph }

    /// Loads (or builds and caches) the graph of `source` and prepares a router.
    /// - Parameters:
    ///   - source: a line shapefile (`.shp`) or GeoJSON file; a declared CRS other than WGS 84 is
    ///     reprojected to lon/lat.
    ///   - options: graph building options (snap tolerance, speeds); part of the cache key.
    ///   - hierarchies: weights to build contraction hierarchies for (default none: bidirectional
    ///     Dijkstra answers every query with the same costs).
    ///   - layer: reads the layer in lon/lat; default `RoadNetwork.lonLatLayer(source)`.
    /// - Throws: `FormatError` for an unreadable file, `ProjectionError` for an unknown CRS,
    ///   `RouteAnalysisError.emptyNetwork` when no line is usable.
    public static func load(source: URL, options: RoadNetworkOptions = RoadNetworkOptions(),
                            hierarchies: Set<RouteWeight> = [],
                            layer: (() throws -> FeatureCollection)? = nil) throws -> RoadNetwork {
        let bytes = try Data(contentsOf: source)
        let key = RoadGraphCache.key(source: bytes, options: options)
        let cacheFile = RoadGraphCache.url(beside: source, key: key)
        let cached = FileManager.default.fileExists(atPath: cacheFile.path)
        var built = false
        let graph = try RoadGraphCache.loadOrBuild(source: source, sourceBytes: bytes, options: options) {
            built = true
            return try layer?() ?? lonLatLayer(source)
        }
        // hierarchies are cached beside the graph cache too (verified on load, rebuilt when stale)
        var prepared: [RouteWeight: ContractionHierarchy] = [:]
        for w in hierarchies {
            prepared[w] = ContractionHierarchyCache.loadOrBuild(graph: graph, weight: w, beside: source, key: key).hierarchy
        }
        return RoadNetwork(source: source, router: RouteAnalysis.Router(graph: graph, hierarchies: prepared),
                           usedCache: cached && !built, cacheFile: cacheFile)
    }

    /// The features of a shapefile or GeoJSON file in WGS 84 lon/lat (reprojected when the file
    /// declares another CRS; taken as lon/lat when it declares none).
    /// - Throws: `FormatError`, `ProjectionError`.
    public static func lonLatLayer(_ source: URL) throws -> FeatureCollection {
        var collection: FeatureCollection
        if source.pathExtension.lowercased() == "shp" {
            let reader = try ShapefileReader(path: source.path)
            var features: [Feature] = []
            while let f = try reader.next() { features.append(f) }
            collection = FeatureCollection(name: reader.name, fields: reader.fields, features: features, crs: reader.crs)
        } else {
            collection = try GeoJSONReader.read(contentsOf: source)
        }
        guard let text = collection.crs, let crs = try? CRS(text), !(try crs.isEquivalent(to: CRS.wgs84)) else { return collection }
        let toLonLat = try Transformer(from: crs, to: CRS.wgs84)
        collection.features = try collection.features.map { f in
            var g = f
            g.geometry = try f.geometry?.transformed(by: toLonLat)
            return g
        }
        return collection
    }

    /// One line describing the graph: nodes, edges, components, dangling ends and the cache.
    public var summaryLine: String {
        let s = graph.summary
        return "network \(source.lastPathComponent): \(s.nodes) nodes, \(s.edges) edges (\(s.oneWayEdges) one-way), "
            + String(format: "%.1f km; ", s.totalLengthMeters / 1000)
            + "\(s.componentSizes.count) components (largest \(s.largestComponent) nodes), \(s.danglingEnds) dangling ends; "
            + (usedCache ? "graph read from cache \(cacheFile.lastPathComponent)" : "graph built and cached as \(cacheFile.lastPathComponent)")
    }
}
