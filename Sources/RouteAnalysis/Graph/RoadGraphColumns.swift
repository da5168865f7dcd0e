import GeoCore

/// The edge columns of a graph under construction; ``RoadGraph/init(columns:)`` adds the
/// adjacency and components. Internal: builders fill it without a per-edge object.
struct RoadGraphColumns: Sendable {
    var coordinates: RoadGraph.Coordinates
    var nodeX: [Double] = []
    var nodeY: [Double] = []
    var edgeFrom: [Int32] = []
    var edgeTo: [Int32] = []
    var edgeLength: [Double] = []
    var edgeTime: [Double] = []
    var edgeOneWay: [Bool] = []
    var edgeClass: [UInt16] = []
    var classNames: [String] = [""]
    var edgeFeature: [Int32] = []
    var geometryStart: [Int] = [0]
    var geometryX: [Double] = []
    var geometryY: [Double] = []

    init(coordinates: RoadGraph.Coordinates) {
        self.coordinates = coordinates
    }

    /// Index of a class name, adding it when new.
    mutating func classIndex(_ name: String, lookup: inout [String: UInt16]) throws -> UInt16 {
        if name.isEmpty { return 0 }
        if let i = lookup[name] { return i }
        guard classNames.count < Int(UInt16.max) else {
            throw RouteAnalysisError.invalidParameter("more than \(UInt16.max) distinct road classes")
        }
        let i = UInt16(classNames.count)
        classNames.append(name)
        lookup[name] = i
        return i
    }
}

extension RoadGraph {
    /// Builds a graph from explicit node and edge lists: the reference graphs' route in.
    ///
    /// Lengths and times are taken as given (no geodesic recomputation). An edge without
    /// geometry gets the straight segment between its nodes.
    /// - Parameters:
    ///   - coordinates: what the node coordinates mean (`.lonLat` degrees or `.planar` metres).
    ///   - nodes: node positions; node ids are the indices.
    ///   - edges: the edges; ids are the indices.
    /// - Throws: ``RouteAnalysisError/invalidParameter(_:)`` for a node id out of range, a negative
    ///   or non-finite length or time, a non-finite coordinate, or a geometry of fewer than 2 points;
    ///   ``RouteAnalysisError/emptyNetwork(_:)`` when there is no edge.
    public init(coordinates: Coordinates, nodes: [Coordinate], edges: [RoadEdge]) throws {
        guard !edges.isEmpty else { throw RouteAnalysisError.emptyNetwork("the edge list is empty") }
        guard nodes.count < Int(Int32.max), edges.count < Int(Int32.max) / 2 else {
            throw RouteAnalysisError.invalidParameter("too many nodes or edges for 32-bit ids")
        }
        var c = RoadGraphColumns(coordinates: coordinates)
        c.nodeX.reserveCapacity(nodes.count)
        c.nodeY.reserveCapacity(nodes.count)
        for (i, p) in nodes.enumerated() {
            guard p.isFinite else { throw RouteAnalysisError.invalidParameter("node \(i) has a non-finite coordinate") }
            c.nodeX.append(p.x)
            c.nodeY.append(p.y)
        }
        var lookup: [String: UInt16] = [:]
        for (i, e) in edges.enumerated() {
            guard e.from >= 0, e.from < nodes.count, e.to >= 0, e.to < nodes.count else {
                throw RouteAnalysisError.invalidParameter("edge \(i) joins node \(e.from) to \(e.to), outside 0..<\(nodes.count)")
            }
            guard e.lengthMeters.isFinite, e.lengthMeters >= 0, e.timeSeconds.isFinite, e.timeSeconds >= 0 else {
                throw RouteAnalysisError.invalidParameter("edge \(i) has length \(e.lengthMeters) m and time \(e.timeSeconds) s; both must be finite and >= 0")
            }
            c.edgeFrom.append(Int32(e.from))
            c.edgeTo.append(Int32(e.to))
            c.edgeLength.append(e.lengthMeters)
            c.edgeTime.append(e.timeSeconds)
            c.edgeOneWay.append(e.oneWay)
            c.edgeClass.append(try c.classIndex(e.roadClass, lookup: &lookup))
            c.edgeFeature.append(Int32(clamping: e.featureIndex))
            if let g = e.geometry {
                guard g.count >= 2, g.allSatisfy(\.isFinite) else {
                    throw RouteAnalysisError.invalidParameter("edge \(i) geometry needs at least 2 finite points")
                }
                for p in g { c.geometryX.append(p.x); c.geometryY.append(p.y) }
            } else {
                c.geometryX.append(nodes[e.from].x); c.geometryY.append(nodes[e.from].y)
                c.geometryX.append(nodes[e.to].x); c.geometryY.append(nodes[e.to].y)
            }
            c.geometryStart.append(c.geometryX.count)
        }
        self.init(columns: c)
    }

    /// Adds CSR adjacency (out and in) and components to finished columns.
    init(columns c: RoadGraphColumns) {
        let n = c.nodeX.count
        let m = c.edgeFrom.count
        var outDeg = [Int32](repeating: 0, count: n + 1)
        var inDeg = [Int32](repeating: 0, count: n + 1)
        for e in 0 ..< m {
            let a = Int(c.edgeFrom[e]), b = Int(c.edgeTo[e])
            outDeg[a + 1] += 1; inDeg[b + 1] += 1
            if !c.edgeOneWay[e] { outDeg[b + 1] += 1; inDeg[a + 1] += 1 }
        }
        for i in 0 ..< n { outDeg[i + 1] += outDeg[i]; inDeg[i + 1] += inDeg[i] }
        let outTotal = Int(outDeg[n]), inTotal = Int(inDeg[n])
        var outArc = [Int32](repeating: 0, count: outTotal), outHead = [Int32](repeating: 0, count: outTotal)
        var inArc = [Int32](repeating: 0, count: inTotal), inTail = [Int32](repeating: 0, count: inTotal)
        var outFill = Array(outDeg[0 ..< n]), inFill = Array(inDeg[0 ..< n])
        for e in 0 ..< m {
            let a = c.edgeFrom[e], b = c.edgeTo[e]
            var k = Int(outFill[Int(a)]); outArc[k] = Int32(2 * e); outHead[k] = b; outFill[Int(a)] += 1
            k = Int(inFill[Int(b)]); inArc[k] = Int32(2 * e); inTail[k] = a; inFill[Int(b)] += 1
            if !c.edgeOneWay[e] {
                k = Int(outFill[Int(b)]); outArc[k] = Int32(2 * e + 1); outHead[k] = a; outFill[Int(b)] += 1
                k = Int(inFill[Int(a)]); inArc[k] = Int32(2 * e + 1); inTail[k] = b; inFill[Int(a)] += 1
            }
        }
        let (component, sizes) = Self.weakComponents(nodeCount: n, from: c.edgeFrom, to: c.edgeTo)
        coordinates = c.coordinates
        nodeX = c.nodeX; nodeY = c.nodeY
        edgeFrom = c.edgeFrom; edgeTo = c.edgeTo
        edgeLength = c.edgeLength; edgeTime = c.edgeTime
        edgeOneWay = c.edgeOneWay; edgeClass = c.edgeClass; classNames = c.classNames
        edgeFeature = c.edgeFeature
        geometryStart = c.geometryStart; geometryX = c.geometryX; geometryY = c.geometryY
        outStart = outDeg; self.outArc = outArc; self.outHead = outHead
        inStart = inDeg; self.inArc = inArc; self.inTail = inTail
        nodeComponent = component; componentSizes = sizes
    }

    /// Weakly connected components by union-find (path halving, union by size), renumbered so
    /// that component 0 is the largest.
    static func weakComponents(nodeCount n: Int, from: [Int32], to: [Int32]) -> ([Int32], [Int]) {
        var parent = [Int32](0 ..< Int32(n))
        var size = [Int32](repeating: 1, count: n)
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        for e in 0 ..< from.count {
            var a = find(from[e]), b = find(to[e])
            if a == b { continue }
            if size[Int(a)] < size[Int(b)] { swap(&a, &b) }
            parent[Int(b)] = a
            size[Int(a)] += size[Int(b)]
        }
        var roots: [Int32] = []
        for i in 0 ..< n where parent[i] == Int32(i) { roots.append(Int32(i)) }
        roots.sort { size[Int($0)] != size[Int($1)] ? size[Int($0)] > size[Int($1)] : $0 < $1 }
        var rootId = [Int32](repeating: -1, count: n)
        for (k, r) in roots.enumerated() { rootId[Int(r)] = Int32(k) }
        var comp = [Int32](repeating: 0, count: n)
        for i in 0 ..< n { comp[i] = rootId[Int(find(Int32(i)))] }
        return (comp, roots.map { Int(size[Int($0)]) })
    }
}
