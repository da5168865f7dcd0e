import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import IncidentStore

/// `--bbox --from --to --category --substance`: which incidents a command reads from the store
/// (DESIGN.md: every command that reads incidents takes them).
struct IncidentFilterOptions: ParsableArguments {
    @Option(help: "Only incidents inside W,S,E,N (degrees).")
    var bbox: String?

    @Option(help: "Only incidents at or after this date/time (ISO 8601 or dd.mm.yyyy; UTC).")
    var from: String?

    @Option(help: "Only incidents before this date/time.")
    var to: String?

    @Option(help: "Only this category (repeatable).")
    var category: [String] = []

    @Option(help: "Only this substance (repeatable).")
    var substance: [String] = []

    /// The store query the options describe.
    /// - Throws: `ValidationError` for a bad box, a date error naming the bad text.
    func query() throws -> IncidentQuery {
        var query = IncidentQuery(categories: category, substances: substance)
        if let bbox {
            guard let box = BoundingBox(parsing: bbox) else { throw ValidationError("--bbox must be W,S,E,N, got '\(bbox)'") }
            query.bbox = box
        }
        query.from = try from.map { try DateParsing.parse($0) }
        query.to = try to.map { try DateParsing.parse($0) }
        return query
    }
}
