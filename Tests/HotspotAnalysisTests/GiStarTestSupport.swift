import Foundation
import GeoCore
import TestSupport
import Testing

/// Helpers shared by the Gi*, weights, Moran and optimized suites: a JSON round trip through the
/// Python oracle (esda, libpysal, numpy, scipy) and seeded synthetic point sets.
enum GiStarOracle {
    /// Runs `script` with `payload` as JSON on its standard input; the script prints one JSON object.
    static func run(_ script: String, _ payload: [String: Any]) throws -> [String: Any] {
        if let reason = PythonOracle.unavailableReason { Issue.record(Comment(rawValue: reason)) }
        let input = try JSONSerialization.data(withJSONObject: payload)
        let out = try PythonOracle.json(script: script, input: input)
        return try #require(out as? [String: Any])
    }

    /// Numbers of a JSON array.
    static func doubles(_ any: Any?) throws -> [Double] {
        let a = try #require(any as? [Any])
        return try a.map { v in
            if let d = v as? Double { return d }
            return try #require((v as? NSNumber)?.doubleValue)
        }
    }

    /// `count` random centres in a 100 km × 80 km box, with values that cluster in the
    /// north-east (a smooth trend plus noise), seeded.
    static func clusteredFeatures(count: Int, seed: UInt64) -> (centres: [Coordinate], values: [Double]) {
        var rng = SplitMix64(seed: seed)
        var centres = [Coordinate](), values = [Double]()
        for _ in 0..<count {
            let x = 500_000 + 100_000 * rng.unit(), y = 4_000_000 + 80_000 * rng.unit()
            centres.append(Coordinate(x, y))
            let trend = exp(-(pow(x - 580_000, 2) + pow(y - 4_060_000, 2)) / (2 * 15_000 * 15_000))
            values.append((20 * trend + 3 * rng.unit()).rounded(.down))
        }
        return (centres, values)
    }

    static func relClose(_ a: Double, _ b: Double, _ rel: Double = 1e-9, abs absTol: Double = 1e-12) -> Bool {
        abs(a - b) <= max(rel * abs(b), absTol)
    }
}
