import Foundation
import HotspotAnalysis
import Testing

/// Time steps for emerging hot spots: parsing, calendar months in UTC, fixed days and weeks.
@Suite("Emerging hot spots: time steps and binning")
struct EmergingTimeBinningTests {
    static func utc(_ text: String) -> Date {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.date(from: text) ?? Date.distantPast
    }

    @Test(arguments: [("1month", 1, TimeStep.Unit.month), ("2weeks", 2, .week), ("7days", 7, .day), ("3 Months", 3, .month),
                      ("day", 1, .day), ("1w", 1, .week), ("14d", 14, .day)])
    func parses(text: String, count: Int, unit: TimeStep.Unit) throws {
        let s = try TimeStep(parsing: text)
        #expect(s.count == count && s.unit == unit)
    }

    @Test(arguments: ["", "0days", "month1", "2 fortnights", "-1month", "1.5weeks"])
    func rejects(text: String) {
        #expect(throws: TimeStep.StepError.invalid(text)) { try TimeStep(parsing: text) }
    }

    /// Calendar months in UTC: 31 January 23:59:59 and 1 February 00:00:00 fall in consecutive
    /// steps; 29 February 2024 is in February's step; the origin is 1 January 00:00 UTC.
    @Test func calendarMonths() throws {
        let times = ["2024-01-31T23:59:59Z", "2024-02-01T00:00:00Z", "2024-01-05T10:00:00Z", "2024-02-29T12:00:00Z",
                     "2024-04-30T23:00:00Z", "2024-03-01T00:00:00Z"]
        var points = times.map { AnalysisPoint(x: 0, y: 0, time: Self.utc($0)) }
        points.append(AnalysisPoint(x: 0, y: 0))
        let b = try TimeBinning(points, step: TimeStep(parsing: "1month"))
        #expect(b.origin == Self.utc("2024-01-01T00:00:00Z"))
        #expect(b.stepIndex == [0, 1, 0, 1, 3, 2, nil])
        #expect(b.stepCount == 4)
        #expect(b.stepStarts == ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01"].map { Self.utc($0 + "T00:00:00Z") })
        #expect(b.totals(points) == [2, 2, 1, 1])
        let two = try TimeBinning(points, step: TimeStep(count: 2, unit: .month))
        #expect(two.stepIndex == [0, 0, 0, 0, 1, 1, nil])
    }

    /// Weeks from UTC midnight of the earliest day: 7 × 86 400 s each.
    @Test func weeksAndDays() throws {
        let t0 = Self.utc("2024-03-10T15:30:00Z")
        let points = [0.0, 3.5, 6.9, 7.0, 20.0].map { AnalysisPoint(x: 0, y: 0, weight: 2, time: t0.addingTimeInterval($0 * 86_400)) }
        let weeks = try TimeBinning(points, step: TimeStep(parsing: "1week"))
        #expect(weeks.origin == Self.utc("2024-03-10T00:00:00Z"))
        // Days since origin: 0.65, 4.15, 7.55, 7.65, 20.65 → weeks 0, 0, 1, 1, 2.
        #expect(weeks.stepIndex == [0, 0, 1, 1, 2])
        #expect(weeks.totals(points, weighted: true) == [4, 4, 2])
        let days = try TimeBinning(points, step: TimeStep(parsing: "7days"), origin: t0)
        #expect(days.stepIndex == [0, 0, 0, 1, 2])
        #expect(throws: TimeBinning.BinningError.noTimes) { try TimeBinning([AnalysisPoint(x: 0, y: 0)], step: days.step) }
    }

    /// The count cube: location × step, by hand.
    @Test func cubeOfCounts() throws {
        let t0 = Self.utc("2024-01-01T00:00:00Z")
        let days: [Double] = [0, 1, 1, 2, 2, 2, 0]
        let points = days.map { AnalysisPoint(x: 0, y: 0, weight: 0.5, time: t0.addingTimeInterval($0 * 86_400 + 60)) }
        let b = try TimeBinning(points, step: TimeStep(parsing: "1day"))
        let cube = b.cube(points, locations: [0, 0, 1, 1, 1, 0, nil], locationCount: 2)
        #expect(cube == [[1, 1, 1], [0, 1, 2]])
        #expect(b.cube(points, locations: [0, 0, 1, 1, 1, 0, nil], locationCount: 2, weighted: true) == [[0.5, 0.5, 0.5], [0, 0.5, 1]])
        // The trend of location 1's counts (0, 1, 2): S = 3, Var = 3·2·11/18, z = 2/√(11/3).
        let mk = MannKendall.test(cube[1])
        #expect(mk.s == 3 && abs(mk.z - 2 / (11.0 / 3).squareRoot()) < 1e-12)
    }
}
