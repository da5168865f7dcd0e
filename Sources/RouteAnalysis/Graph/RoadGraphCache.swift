import Foundation
import GeoCore

/// A built graph cached beside its source file, keyed by the source's bytes and the build
/// options, so a second run (and the server start) reads it instead of noding again.
///
/// File: `<source name>.roadgraph-<key>.bin` in the source's folder, where `key` is 16 hex digits
/// of FNV-1a 64 over the source bytes and a canonical text of the options. Format (little-endian):
/// magic `BMRG`, version UInt32 = 1, coordinates UInt8, node/edge/vertex counts as Int64, then the
/// columns as raw arrays (nodeX, nodeY, edgeFrom, edgeTo, edgeLength, edgeTime, edgeOneWay as
/// bytes, edgeClass, edgeFeature, geometryStart, geometryX, geometryY) and the class names as a
/// JSON array. Adjacency and components are rebuilt on load (linear time).
public enum RoadGraphCache {
    /// Cache key of a source and options.
    public static func key(source: Data, options: RoadNetworkOptions) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 } }
        mix(source)
        mix(canonicalText(options).utf8)
        return String(format: "%016llx", h)
    }

    /// The options as stable text (sorted keys and sets).
    static func canonicalText(_ o: RoadNetworkOptions) -> String {
        let speeds = o.speeds.classes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        let levels = o.levelFields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.sorted().joined(separator: ","))" }
        return ["v1", "\(o.snapToleranceMeters)", "\(o.nodeCrossings)", o.classField ?? "-", "\(o.speeds.defaultKmh)", speeds,
                o.oneWayField ?? "-", o.oneWayForwardValues.sorted().joined(separator: ","),
                o.oneWayReverseValues.sorted().joined(separator: ","), levels.joined(separator: ";")].joined(separator: "|")
    }

    /// Where the cache of `source` with `key` lives.
    public static func url(beside source: URL, key: String) -> URL {
        source.deletingLastPathComponent().appendingPathComponent(source.lastPathComponent + ".roadgraph-\(key).bin")
    }

    /// The cached graph when present and valid, else builds it from `layer()` and writes the cache
    /// (a failed write is ignored: a read-only data folder still routes, only slower to start).
    /// - Throws: build errors from ``RoadGraph/build(from:options:)`` and from `layer`.
    public static func loadOrBuild(source: URL, sourceBytes: Data, options: RoadNetworkOptions = RoadNetworkOptions(),
                                   layer: () throws -> FeatureCollection) throws -> RoadGraph {
        let file = url(beside: source, key: key(source: sourceBytes, options: options))
        if let data = try? Data(contentsOf: file), let g = try? RoadGraph(serialized: data) { return g }
        let g = try RoadGraph.build(from: try layer(), options: options)
        try? g.serialized().write(to: file, options: .atomic)
        return g
    }
}

extension RoadGraph {
    /// The graph in the cache file format of ``RoadGraphCache``.
    public func serialized() -> Data {
        var d = Data("BMRG".utf8)
        func put<T>(_ v: T) { withUnsafeBytes(of: v) { d.append(contentsOf: $0) } }
        func put<T>(_ a: [T]) { a.withUnsafeBytes { d.append(contentsOf: $0) } }
        put(UInt32(1)); put(coordinates.rawValue)
        put(Int64(nodeCount)); put(Int64(edgeCount)); put(Int64(geometryX.count))
        put(nodeX); put(nodeY); put(edgeFrom); put(edgeTo); put(edgeLength); put(edgeTime)
        put(edgeOneWay.map { $0 ? UInt8(1) : 0 }); put(edgeClass); put(edgeFeature)
        put(geometryStart.map(Int64.init)); put(geometryX); put(geometryY)
        d.append((try? JSONEncoder().encode(classNames)) ?? Data("[]".utf8))
        return d
    }

    /// Reads ``serialized()`` output.
    /// - Throws: ``RouteAnalysisError/invalidParameter(_:)`` for a file that is not a version-1 graph
    ///   or is truncated or inconsistent.
    public init(serialized data: Data) throws {
        let bad = RouteAnalysisError.invalidParameter("not a BorderMap road graph cache (version 1) or truncated")
        var r = BinaryCursor(data, truncated: bad)
        guard try r.take(4) == Data("BMRG".utf8), try r.scalar(UInt32.self) == 1,
              let kind = RoadGraph.Coordinates(rawValue: try r.scalar(UInt8.self)) else { throw bad }
        let n = Int(try r.scalar(Int64.self)), m = Int(try r.scalar(Int64.self)), v = Int(try r.scalar(Int64.self))
        guard n >= 0, m > 0, v >= 2 * m, n < Int(Int32.max), m < Int(Int32.max) / 2 else { throw bad }
        var c = RoadGraphColumns(coordinates: kind)
        c.nodeX = try r.array(Double.self, n); c.nodeY = try r.array(Double.self, n)
        c.edgeFrom = try r.array(Int32.self, m); c.edgeTo = try r.array(Int32.self, m)
        c.edgeLength = try r.array(Double.self, m); c.edgeTime = try r.array(Double.self, m)
        c.edgeOneWay = try r.array(UInt8.self, m).map { $0 != 0 }
        c.edgeClass = try r.array(UInt16.self, m); c.edgeFeature = try r.array(Int32.self, m)
        c.geometryStart = try r.array(Int64.self, m + 1).map { Int($0) }
        c.geometryX = try r.array(Double.self, v); c.geometryY = try r.array(Double.self, v)
        guard let names = try? JSONDecoder().decode([String].self, from: r.rest()), !names.isEmpty else { throw bad }
        c.classNames = names
        // consistency: node ids, class ids and geometry ranges in bounds
        guard c.edgeFrom.allSatisfy({ $0 >= 0 && Int($0) < n }), c.edgeTo.allSatisfy({ $0 >= 0 && Int($0) < n }),
              c.edgeClass.allSatisfy({ Int($0) < names.count }), c.geometryStart.first == 0, c.geometryStart.last == v,
              zip(c.geometryStart, c.geometryStart.dropFirst()).allSatisfy({ $1 - $0 >= 2 }) else { throw bad }
        self.init(columns: c)
    }
}
