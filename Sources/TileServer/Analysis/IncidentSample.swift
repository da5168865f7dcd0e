import Foundation
import GeoCore
import GeoFormats
import IncidentStore
import MapStyle

/// One incident as analysis input: where (WGS 84 degrees), how much it counts, when, and its
/// category (for space-time clusters' dominant category).
public struct IncidentSample: Sendable, Hashable {
    public var lon: Double
    public var lat: Double
    /// 1 for a plain count, or the value of the weight field.
    public var weight: Double
    public var time: Date?
    public var category: String?

    public init(lon: Double, lat: Double, weight: Double = 1, time: Date? = nil, category: String? = nil) {
        self.lon = lon
        self.lat = lat
        self.weight = weight
        self.time = time
        self.category = category
    }
}

/// What was read for an analysis, and what was left out.
public struct IncidentSampleSet: Sendable {
    public var samples: [IncidentSample]
    /// Incidents left out because the weight field was missing, not a number, or not positive.
    public var skippedForWeight: Int

    public init(samples: [IncidentSample] = [], skippedForWeight: Int = 0) {
        self.samples = samples
        self.skippedForWeight = skippedForWeight
    }
}

extension IncidentSampleSet {
    /// The incidents `query` selects from `store`, narrowed by a style `filter` over their
    /// properties (as drawn: `AnalysisLayerData.feature`), weighted by `weightField` (a DESIGN.md
    /// field such as `quantity_kg`, or a free property; nil counts each incident once).
    /// - Throws: the store's errors.
    public static func fetch(from store: any IncidentStoring, query: IncidentQuery, filter: StyleExpression? = nil,
                             weightField: String? = nil) async throws -> IncidentSampleSet {
        let collected = Locked(IncidentSampleSet(samples: [], skippedForWeight: 0))
        // Location, time and category, and only the fields the filter and the weight read.
        let columns = IncidentColumns(fieldNames: (filter?.propertyNames ?? []).union(weightField.map { [$0] } ?? []))
            .union(.category)
        try await store.forEach(matching: query, columns: columns) { incident in
            let feature = (filter != nil || weightField != nil) ? AnalysisLayerData.feature(incident) : nil
            if let filter, let feature,
               filter.evaluate(EvaluationContext(zoom: 0, properties: feature.properties)).bool != true { return }
            var weight = 1.0
            if let weightField, let feature {
                guard let w = feature.properties[weightField]?.doubleValue, w.isFinite, w > 0 else {
                    collected.withLock { $0.skippedForWeight += 1 }
                    return
                }
                weight = w
            }
            let sample = IncidentSample(lon: incident.lon, lat: incident.lat, weight: weight, time: incident.occurredAt,
                                        category: incident.category)
            collected.withLock { $0.samples.append(sample) }
        }
        return collected.current
    }

    /// Samples from features with point geometry (a file given with `--in`), weighted by
    /// `weightField`, timed by `timeField` (ISO 8601 text) when given.
    public static func from(features: [Feature], weightField: String?, timeField: String? = nil,
                            categoryField: String? = "category") -> IncidentSampleSet {
        var set = IncidentSampleSet(samples: [], skippedForWeight: 0)
        for f in features {
            guard case .point(let p)? = f.geometry else { continue }
            var weight = 1.0
            if let weightField {
                guard let w = f.properties[weightField]?.doubleValue, w.isFinite, w > 0 else {
                    set.skippedForWeight += 1
                    continue
                }
                weight = w
            }
            let time = timeField.flatMap { f.properties[$0] }.flatMap { v -> Date? in
                switch v {
                case .string(let s): return try? DateParsing.parse(s, excelSerials: false)
                case .date(let d): return Date(timeIntervalSince1970: Double(d.daysSinceEpoch) * 86_400)
                default: return nil
                }
            }
            let category = categoryField.flatMap { f.properties[$0]?.stringValue }
            set.samples.append(IncidentSample(lon: p.coordinate.x, lat: p.coordinate.y, weight: weight, time: time, category: category))
        }
        return set
    }
}
