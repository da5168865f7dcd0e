import Foundation
import GeoFormats

/// The records of `DemoIncidents.generate` as an `IncidentRecordSource`, generated a batch at a
/// time as the store pulls them, so that a million demo incidents go into a database without
/// sitting in memory. Pulled from one thread at a time (see the protocol).
public final class DemoIncidentSource: IncidentRecordSource, @unchecked Sendable {
    // @unchecked: `next` and `onProgress` calls happen on the one pulling thread.
    private let sampler: DemoIncidentSampler?
    private let count: Int
    private var next = 0
    private let onProgress: (@Sendable (Int) -> Void)?

    /// Prepares `count` records of `seed` over `years` from the layers in `dataDirectory`;
    /// parameters as `DemoIncidents.generate`. `onProgress` is called with the number of records
    /// generated so far after each batch.
    /// - Throws: as `DemoIncidents.generate`.
    public init(count: Int, seed: UInt64, years: ClosedRange<Int>, dataDirectory: URL,
                onProgress: (@Sendable (Int) -> Void)? = nil) throws {
        guard count >= 0 else { throw DemoIncidentsError.invalidArgument("count must be ≥ 0, got \(count)") }
        guard years.lowerBound >= 1900, years.upperBound <= 9999 else {
            throw DemoIncidentsError.invalidArgument("years must lie in 1900...9999, got \(years)")
        }
        sampler = count > 0 ? try DemoIncidentSampler(geography: DemoGeography(directory: dataDirectory), seed: seed, years: years) : nil
        self.count = count
        self.onProgress = onProgress
    }

    public func nextBatch(maxCount: Int) throws -> [IncidentRecord]? {
        guard let sampler, next < count else { return nil }
        let end = min(count, next + max(1, maxCount))
        let batch = try (next..<end).map { try sampler.record($0) }
        next = end
        onProgress?(end)
        return batch
    }
}
