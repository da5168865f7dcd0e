import Foundation

/// Travel speed by road class, in km/h, read from a small JSON table:
/// `{"default_kmh": 50, "classes": {"Major Highway": 90, "Road": 60}}`.
///
/// The built-in ``naturalEarth`` table covers Natural Earth's roads `type` values. Its speeds are
/// BorderMap's own assumptions for Central Asian roads (not taken from a published table): Major
/// Highway 90, Secondary Highway 70, Road 60, Track 30, Ferry Route 20, Unknown 50, anything
/// else 50 km/h. Pass your own table when better figures are known.
public struct RoadSpeedTable: Sendable, Hashable, Codable {
    /// Speed in km/h for classes not listed (and for edges without a class).
    public var defaultKmh: Double
    /// Speed in km/h by class name (exact, case-sensitive match).
    public var classes: [String: Double]

    enum CodingKeys: String, CodingKey {
        case defaultKmh = "default_kmh"
        case classes
    }

    /// Creates a table; every speed must be finite and > 0 (checked by ``validated()``).
    public init(defaultKmh: Double, classes: [String: Double]) {
        self.defaultKmh = defaultKmh
        self.classes = classes
    }

    /// The Natural Earth roads table (see the type's documentation).
    public static let naturalEarth = RoadSpeedTable(defaultKmh: 50, classes: [
        "Major Highway": 90, "Secondary Highway": 70, "Road": 60, "Track": 30, "Ferry Route": 20, "Unknown": 50,
    ])

    /// Reads a JSON table. - Throws: ``RouteAnalysisError/invalidParameter(_:)`` naming the problem.
    public init(json: Data) throws {
        do {
            self = try JSONDecoder().decode(RoadSpeedTable.self, from: json)
        } catch {
            throw RouteAnalysisError.invalidParameter(
                "speed table: expected {\"default_kmh\": number, \"classes\": {\"name\": km/h}}: \(error)")
        }
        _ = try validated()
    }

    /// Self, after checking that every speed is finite and > 0.
    public func validated() throws -> RoadSpeedTable {
        for (name, v) in classes.merging(["default_kmh": defaultKmh], uniquingKeysWith: { a, _ in a })
        where !(v.isFinite && v > 0) {
            throw RouteAnalysisError.invalidParameter("speed table: \(name) has speed \(v) km/h; speeds must be > 0")
        }
        return self
    }

    /// Speed in km/h of a class.
    public func kmh(_ roadClass: String?) -> Double {
        roadClass.flatMap { classes[$0] } ?? defaultKmh
    }
}
