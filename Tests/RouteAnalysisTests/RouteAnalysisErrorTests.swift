import RouteAnalysis
import Testing

@Suite struct RouteAnalysisErrorTests {
    @Test func messagesCountPointsFromOne() {
        #expect(RouteAnalysisError.disconnected(fromIndex: 0, toIndex: 1).description.contains("points 1 and 2"))
        #expect(RouteAnalysisError.pointTooFarFromNetwork(index: 2, distanceMeters: 1234.4, limitMeters: 1000)
            .description == "point 3 is 1234 m from the nearest road, more than the 1000 m snapping limit")
    }
}
