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

    public init(bbox: BoundingBox? = nil, from: Date? = nil, to: Date? = nil, categories: [String] = [],
                substances: [String] = [], agencies: [String] = [], borderPosts: [String] = [],
                area: Geometry? = nil, limit: Int? = nil) {
        self.bbox = bbox
        self.from = from
        self.to = to
        self.categories = categories
        self.substances = substances
        self.agencies = agencies
        self.borderPosts = borderPosts
        self.area = area
        self.limit = limit
    }

    /// Everything.
    public static let all = IncidentQuery()
}

/// A field incidents can be counted by.
public enum IncidentGroupField: String, Sendable, Hashable, CaseIterable {
    case category, substance, agency, borderPost = "border_post", source
}
