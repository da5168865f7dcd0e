import Foundation
import GeoCore
import GeoProjection
import HotspotAnalysis

/// Incident samples projected into the metric CRS an analysis runs in (DESIGN.md: analysis in
/// metres in a projected CRS chosen for the data): the CRS given, or `ProjectionChooser`'s pick
/// for the samples' extent (Albers equal-area over Central Asia, UTM inside one zone).
public struct ProjectedSamples: Sendable {
    /// The CRS of `points`, in metres.
    public let crs: CRS
    /// The samples in `crs`, weights and times kept, in the samples' order.
    public let points: [AnalysisPoint]
    /// The samples' lon/lat extent.
    public let lonLatExtent: BoundingBox

    /// Errors choosing or using the analysis CRS.
    public enum ProjectedSamplesError: Error, CustomStringConvertible {
        case noSamples
        case geographicCRS(String)
        public var description: String {
            switch self {
            case .noSamples: "no incidents to analyse (check the filters and the time window)"
            case .geographicCRS(let name):
                "\(name) is geographic (degrees): give a projected CRS in metres (e.g. EPSG:32642), or leave --crs out to let BorderMap choose one"
            }
        }
    }

    /// Projects `samples` into `crs` (nil: chosen for their extent).
    /// - Throws: `ProjectedSamplesError`, `ProjectionError`.
    public init(_ samples: [IncidentSample], crs given: CRS? = nil) throws {
        guard !samples.isEmpty else { throw ProjectedSamplesError.noSamples }
        guard let extent = BoundingBox(covering: samples.map { Coordinate($0.lon, $0.lat) }) else {
            throw ProjectedSamplesError.noSamples
        }
        let crs = try given ?? ProjectionChooser.choose(for: extent).crs
        if crs.isGeographic { throw ProjectedSamplesError.geographicCRS(crs.name) }
        var x = samples.map(\.lon), y = samples.map(\.lat)
        try Transformer(from: CRS.wgs84, to: crs).transform(x: &x, y: &y)
        self.crs = crs
        self.lonLatExtent = extent
        points = samples.indices.map { AnalysisPoint(x: x[$0], y: y[$0], weight: samples[$0].weight, time: samples[$0].time) }
    }
}
