import Foundation
import HotspotAnalysis
import Testing

@Suite struct AnalysisPointTests {
    @Test func defaultsToAWeightOfOneAndNoTime() {
        let p = AnalysisPoint(x: 10, y: -5)
        #expect(p.weight == 1)
        #expect(p.time == nil)
    }
}
