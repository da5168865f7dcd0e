import Foundation
import GeoCore

/// Which incidents a query selects; every condition that is set must hold.
public struct IncidentQuery: Sendable, Hashable {
    /// Inside this lon/lat box (edges included).
    public var bbox: BoundingBox?
    /// At or after `from`, before `to` (UTC).
    public var from: Date?
    public var to: Date?
    /// Any of these values (exact match); empty means any.
    public var categories: [String]
    public var substances: [String]
    public var agencies: [String]
    public var borderPosts: [String]
    /// Inside this lon/lat area (a province, a buffer): Polygon or MultiPolygon.
    public var area: Geometry?
    /// At most this many, in `occurredAt` then `id` order; nil for all.
    public var limit: Int?
    /// Only incidents after this one in `occurredAt`, `id` order: with `limit`, pages through a
    /// large result in constant memory (pass the last incident of one page to get the next).
    public var after: IncidentCursor?

    public init(bbox: BoundingBox? = nil, from: Date? = nil, to: Date? = nil, categories: [String] = [],
                substances: [String] = [], agencies: [String] = [], borderPosts: [String] = [],
                area: Geometry? = nil, limit: Int? = nil, after: IncidentCursor? = nil) {
        self.bbox = bbox
        self.from = from
        self.to = to
        self.categories = categories
        self.substances = substances
        self.agencies = agencies
        self.borderPosts = borderPosts
        self.area = area
        self.limit = limit
        self.after = after
    }

    /// Everything.
    public static let all = IncidentQuery()
}

/// A position in the `occurredAt`, `id` order of query results.
public struct IncidentCursor: Sendable, Hashable {
    public var occurredAt: Date
    public var id: String

    public init(occurredAt: Date, id: String) {
        self.occurredAt = occurredAt
        self.id = id
    }

    /// The position of `incident`.
    public init(_ incident: Incident) { self.init(occurredAt: incident.occurredAt, id: incident.id) }
}

/// A field incidents can be counted by.
public enum IncidentGroupField: String, Sendable, Hashable, CaseIterable {
    case category, substance, agency, borderPost = "border_post", source
}
