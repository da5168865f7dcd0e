import Foundation
import GeoCore
import GeoFormats

/// Why demo data could not be generated.
public enum DemoIncidentsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A sample layer lacks what the generator needs (message names the layer).
    case missingData(String)
    /// An argument is out of range (message says which).
    case invalidArgument(String)
    /// No land point in a core country was found for record `index` (should not happen with
    /// the sample layers; it means the layers do not match the border table).
    case noLandPoint(index: Int)

    /// The reason in words, prefixed `demo data:`.
    public var description: String {
        switch self {
        case .missingData(let m): "demo data: \(m)"
        case .invalidArgument(let m): "demo data: \(m)"
        case .noLandPoint(let i): "demo data: no land point found for record \(i)"
        }
    }
}

/// A deterministic generator of labelled synthetic border-security incidents for demos, tests
/// and benchmarks. The records look like analyst data (see `DemoTables` for every parameter and
/// its rationale) but are invented: each has `source = "synthetic"`, the property
/// `synthetic = "1"`, id `demo-<index>` and source key `synthetic-<seed>-<index>`.
///
/// Places: 75 % of incidents lie near a border of the core countries (AFG, TJK, UZB, TKM, KGZ,
/// KAZ) in `ca_admin0_boundary_lines_land`, around seeded hotspots or anywhere along the line,
/// weighted per border pair in favour of the Afghan borders; 25 % lie near towns of
/// `ca_populated_places` (population ≥ 20 000, weight population^0.75). The distance from the
/// anchor is half-normal (σ 6 km) at borders and exponential (mean 6 km) at towns, in a uniform
/// direction, along a geodesic (`DemoGeodesy`). Coordinates are rounded to 1e-5° (about 1 m)
/// and the rounded point must lie in the interior of a core country polygon of
/// `ca_admin0_countries` and outside every polygon of `ca_lakes`; otherwise the offset is drawn
/// again (and after ten misses, the anchor), so foreign-side and lake points never appear.
///
/// Determinism: record `i` depends only on the seed, `i`, the year range and the layer files,
/// through the file's own SplitMix64 generator; so a run of N records is a prefix of a run of
/// more, and the output is the same on every machine.
public enum DemoIncidents {
    /// Generates `count` synthetic incidents.
    /// - Parameters:
    ///   - count: number of records, ≥ 0; default 20 000.
    ///   - seed: the random seed; default 2026.
    ///   - years: calendar years (UTC) the dates fall in; default 2021...2025, within 1900...9999.
    ///   - dataDirectory: the directory of the sample Shapefiles (`Shapefiles/`), holding
    ///     `ca_admin0_boundary_lines_land`, `ca_admin0_countries`, `ca_populated_places`, `ca_lakes`.
    /// - Returns: records in index order; `row` is index + 2 (as if written to a CSV with a header).
    /// - Throws: `DemoIncidentsError`, or the `FormatError` of a layer that cannot be read.
    public static func generate(count: Int = 20_000, seed: UInt64 = 2026, years: ClosedRange<Int> = 2021...2025,
                                dataDirectory: URL) throws -> [IncidentRecord] {
        var records: [IncidentRecord] = []
        records.reserveCapacity(max(0, count))
        try forEach(count: count, seed: seed, years: years, dataDirectory: dataDirectory) { records.append($0) }
        return records
    }

    /// Streams the same records as `generate` to `body` one at a time (for large counts).
    /// - Throws: as `generate`, and whatever `body` throws (which stops the run).
    public static func forEach(count: Int = 20_000, seed: UInt64 = 2026, years: ClosedRange<Int> = 2021...2025,
                               dataDirectory: URL, _ body: (IncidentRecord) throws -> Void) throws {
        guard count >= 0 else { throw DemoIncidentsError.invalidArgument("count must be ≥ 0, got \(count)") }
        guard years.lowerBound >= 1900, years.upperBound <= 9999 else {
            throw DemoIncidentsError.invalidArgument("years must lie in 1900...9999, got \(years)")
        }
        guard count > 0 else { return }
        let sampler = try DemoIncidentSampler(geography: DemoGeography(directory: dataDirectory), seed: seed, years: years)
        for index in 0..<count {
            try body(try sampler.record(index))
        }
    }
}
