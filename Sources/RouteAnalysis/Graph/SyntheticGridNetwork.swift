import GeoCore

/// The synthetic planar grid-like road graph of the shared reference (`routing_spec.json`,
/// `generator_doc`), rebuilt bit for bit from its parameters: the benchmark's and the tests'
/// network at scale. Nodes are planar metres; edges two-way, "highway" or "local".
public struct SyntheticGridNetwork: Sendable, Hashable {
    /// Rows (south to north) and columns (west to east).
    public var rows: Int, columns: Int
    /// Grid spacing in metres, and the origin.
    public var spacing: Double, x0: Double, y0: Double
    /// Jitter as a fraction of the spacing.
    public var jitter: Double
    /// Seeds of the positions and of the dropped edges.
    public var seedXY: UInt64, seedDrop: UInt64
    /// Percentage of edges dropped.
    public var dropPercent: UInt64
    /// Every `highwayEvery`-th row and column is a highway.
    public var highwayEvery: Int
    /// Speeds in km/h.
    public var highwayKmh: Double, localKmh: Double

    /// Creates a parameter set (the names of `routing_spec.json`: R, C, S, X0, Y0, JIT, SEED_XY,
    /// SEED_DROP, DROP_PCT, HIGHWAY_EVERY, SPEED_HIGHWAY_KMH, SPEED_LOCAL_KMH).
    public init(rows: Int, columns: Int, spacing: Double, x0: Double, y0: Double, jitter: Double, seedXY: UInt64,
                seedDrop: UInt64, dropPercent: UInt64, highwayEvery: Int, highwayKmh: Double, localKmh: Double) {
        self.rows = rows; self.columns = columns; self.spacing = spacing; self.x0 = x0; self.y0 = y0
        self.jitter = jitter; self.seedXY = seedXY; self.seedDrop = seedDrop; self.dropPercent = dropPercent
        self.highwayEvery = highwayEvery; self.highwayKmh = highwayKmh; self.localKmh = localKmh
    }

    /// splitmix64 (Steele, Lea, Flood 2014), all arithmetic mod 2^64.
    public static func splitmix64(_ z0: UInt64) -> UInt64 {
        var z = z0 &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `(splitmix64(z) >> 11) * 2^-53`, an exact double in [0, 1).
    public static func unit(_ z: UInt64) -> Double { Double(splitmix64(z) >> 11) * 0x1p-53 }

    /// The origin-destination pairs of `od_pair_rule`: pair p is
    /// `(splitmix64(seed ^ 2p) % n, splitmix64(seed ^ (2p+1)) % n)`.
    public static func odPairs(count: Int, nodeCount n: Int, seed: UInt64) -> [(Int, Int)] {
        (0 ..< count).map { p in
            (Int(splitmix64(seed ^ UInt64(2 * p)) % UInt64(n)), Int(splitmix64(seed ^ UInt64(2 * p + 1)) % UInt64(n)))
        }
    }

    /// Builds the graph (classes "highway" and "local"; lengths Euclidean, times at the speeds).
    public func graph() throws -> RoadGraph {
        var c = RoadGraphColumns(coordinates: .planar)
        let n = rows * columns
        c.nodeX.reserveCapacity(n); c.nodeY.reserveCapacity(n)
        for i in 0 ..< rows {
            for j in 0 ..< columns {
                let id = UInt64(i * columns + j)
                c.nodeX.append(x0 + (Double(j) + jitter * (Self.unit(seedXY ^ (2 * id)) - 0.5)) * spacing)
                c.nodeY.append(y0 + (Double(i) + jitter * (Self.unit(seedXY ^ (2 * id + 1)) - 0.5)) * spacing)
            }
        }
        c.classNames = ["", "highway", "local"]
        func add(_ a: Int, _ b: Int, key: UInt64, highway: Bool) {
            if Self.splitmix64(seedDrop ^ key) % 100 < dropPercent { return }
            let dx = c.nodeX[b] - c.nodeX[a], dy = c.nodeY[b] - c.nodeY[a]
            let length = (dx * dx + dy * dy).squareRoot()
            c.edgeFrom.append(Int32(a)); c.edgeTo.append(Int32(b))
            c.edgeLength.append(length)
            c.edgeTime.append(length / ((highway ? highwayKmh : localKmh) / 3.6))
            c.edgeOneWay.append(false)
            c.edgeClass.append(highway ? 1 : 2)
            c.edgeFeature.append(-1)
            c.geometryX.append(c.nodeX[a]); c.geometryY.append(c.nodeY[a])
            c.geometryX.append(c.nodeX[b]); c.geometryY.append(c.nodeY[b])
            c.geometryStart.append(c.geometryX.count)
        }
        for i in 0 ..< rows {
            for j in 0 ..< columns {
                let id = i * columns + j
                if j < columns - 1 { add(id, id + 1, key: UInt64(2 * id), highway: i % highwayEvery == 0) }
                if i < rows - 1 { add(id, id + columns, key: UInt64(2 * id + 1), highway: j % highwayEvery == 0) }
            }
        }
        guard !c.edgeFrom.isEmpty else { throw RouteAnalysisError.emptyNetwork("every synthetic edge was dropped") }
        return RoadGraph(columns: c)
    }
}
