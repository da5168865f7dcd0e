extension SQLiteIncidentStore {
    /// A query or stored row the SQLite store cannot handle. Database failures themselves are
    /// thrown as GRDB's `DatabaseError`, which carries SQLite's result code and message.
    public enum QueryError: Error, Sendable, Hashable, CustomStringConvertible {
        /// `IncidentQuery.area` is not a Polygon or MultiPolygon (the geometry type is given).
        case unsupportedArea(String)
        /// `IncidentQuery.limit` is negative.
        case invalidLimit(Int)
        /// A stored row cannot be read back (incident id, reason).
        case corruptRow(id: String, String)
        /// The database was written by a newer BorderMap (its schema version, ours).
        case newerSchema(found: Int, supported: Int)

        /// The problem in words, for messages.
        public var description: String {
            switch self {
            case .unsupportedArea(let type): "query area must be a Polygon or MultiPolygon, not \(type)"
            case .invalidLimit(let n): "query limit must not be negative (\(n))"
            case .corruptRow(let id, let reason): "incident \(id): \(reason)"
            case .newerSchema(let found, let supported):
                "the database has schema version \(found); this BorderMap understands up to \(supported)"
            }
        }
    }
}
