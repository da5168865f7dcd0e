import Foundation

/// The length of one time step of a space-time analysis: N days, N weeks or N calendar months.
/// Days and weeks are fixed lengths (86 400 s, 604 800 s; UTC has no daylight saving); months
/// are calendar months in UTC (28 to 31 days).
public struct TimeStep: Sendable, Hashable, CustomStringConvertible {
    /// The calendar unit of a step.
    public enum Unit: String, Sendable, Hashable {
        /// 86 400 s.
        case day
        /// 604 800 s.
        case week
        /// A calendar month in UTC.
        case month
    }

    /// How many units one step spans (≥ 1).
    public let count: Int
    /// The unit of `count`.
    public let unit: Unit

    /// Errors from parsing or building a time step.
    public enum StepError: Error, Equatable, CustomStringConvertible {
        /// The text (or count) given, which is not a valid step.
        case invalid(String)
        public var description: String {
            switch self {
            case .invalid(let t): "time step '\(t)' is not understood: write a positive count and days, weeks or months, e.g. 7days, 2weeks, 1month"
            }
        }
    }

    /// A step of `count` units.
    /// - Throws: `StepError.invalid` when `count` < 1.
    public init(count: Int, unit: Unit) throws {
        guard count >= 1 else { throw StepError.invalid("\(count)\(unit.rawValue)") }
        self.count = count
        self.unit = unit
    }

    /// Parses `7days`, `2weeks`, `1month`, `3 months`, `day`, `1w`, `1d` (case-insensitive;
    /// singular or plural; a missing count is 1; `d`, `w`, `m`/`mo` abbreviate the units).
    /// - Throws: `StepError.invalid` for anything else.
    public init(parsing text: String) throws {
        let t = text.lowercased().filter { !$0.isWhitespace }
        let digits = t.prefix { $0.isNumber }
        let unitText = t.dropFirst(digits.count)
        let count = digits.isEmpty ? 1 : (Int(digits) ?? 0)
        let unit: Unit
        switch unitText {
        case "d", "day", "days": unit = .day
        case "w", "wk", "week", "weeks": unit = .week
        case "m", "mo", "month", "months": unit = .month
        default: throw StepError.invalid(text)
        }
        guard count >= 1 else { throw StepError.invalid(text) }
        self.count = count
        self.unit = unit
    }

    /// `7days`, `2weeks`, `1month`.
    public var description: String { "\(count)\(unit.rawValue)\(count == 1 ? "" : "s")" }

    /// The UTC Gregorian calendar the month steps use.
    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? c.timeZone
        return c
    }()

    /// The start of the calendar unit holding `date`: UTC midnight for days and weeks, 00:00 UTC
    /// on the first of the month for months.
    public func unitStart(of date: Date) -> Date {
        let c = TimeStep.utc
        switch unit {
        case .day, .week: return c.startOfDay(for: date)
        case .month:
            let parts = c.dateComponents([.year, .month], from: date)
            return c.date(from: parts) ?? c.startOfDay(for: date)
        }
    }

    /// The start of step `index` (may be negative) counted from `origin`.
    public func start(ofStep index: Int, from origin: Date) -> Date {
        switch unit {
        case .day: return origin.addingTimeInterval(Double(index * count) * 86_400)
        case .week: return origin.addingTimeInterval(Double(index * count) * 604_800)
        case .month:
            return TimeStep.utc.date(byAdding: .month, value: index * count, to: origin)
                ?? origin.addingTimeInterval(Double(index * count) * 30.436875 * 86_400)
        }
    }

    /// The index of the step holding `date` (steps are half-open: [start, next start)).
    public func stepIndex(of date: Date, from origin: Date) -> Int {
        switch unit {
        case .day, .week:
            let length = Double(count) * (unit == .day ? 86_400 : 604_800)
            return Int((date.timeIntervalSince(origin) / length).rounded(.down))
        case .month:
            let c = TimeStep.utc
            let a = c.dateComponents([.year, .month], from: origin)
            let b = c.dateComponents([.year, .month], from: date)
            let months = ((b.year ?? 0) - (a.year ?? 0)) * 12 + ((b.month ?? 0) - (a.month ?? 0))
            var k = Int((Double(months) / Double(count)).rounded(.down))
            // The origin may lie inside its month: move to the step whose half-open range holds date.
            while start(ofStep: k, from: origin) > date { k -= 1 }
            while start(ofStep: k + 1, from: origin) <= date { k += 1 }
            return k
        }
    }
}
