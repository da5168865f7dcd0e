import GeoCore

extension PlateJourneys {
    /// A route function for `reconstruct(_:maxGap:route:)` that follows the road network:
    /// the `router`'s best path (default `.length`, shortest) between two camera positions
    /// (lon/lat), snapped at most `maxSnapMeters` (default 10 km) from a road. Returns nil (so
    /// the journey falls back to a straight leg) when a camera is too far from every road or no
    /// path joins the two; other errors are thrown.
    public static func networkRoute(router: Router, weight: RouteWeight = .length,
                                    maxSnapMeters: Double = 10_000) -> @Sendable (Coordinate, Coordinate) throws -> [Coordinate]? {
        { from, to in
            do {
                let routes = try router.route(RouteRequest(points: [from, to], weight: weight, maxSnapMeters: maxSnapMeters))
                return routes.first?.geometry
            } catch RouteAnalysisError.pointTooFarFromNetwork, RouteAnalysisError.disconnected {
                return nil
            }
        }
    }
}
