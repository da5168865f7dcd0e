import Foundation

/// How class breaks are chosen over a density grid's values (ArcGIS symbology methods).
///
/// Breaks are the k − 1 interior thresholds t₁ < … < t_{k−1} of k classes: class 1 holds
/// v ≤ t₁, class c holds t_{c−1} < v ≤ t_c, the last class v > t_{k−1}.
public enum ClassBreakMethod: Sendable, Hashable, CustomStringConvertible {
    /// Natural breaks: the exact Fisher–Jenks optimum (least within-class squared deviation)
    /// into `classes` classes, on at most `FisherJenks.sampleLimit` values (see `ClassBreaks`).
    case naturalBreaks(classes: Int)
    /// Equal counts: t_c = the value at sorted position ⌊c·n/k⌋ − 1 (0-based), duplicates dropped.
    case quantile(classes: Int)
    /// t_c = min + c·(max − min)/k.
    case equalInterval(classes: Int)
    /// Standard deviation classes of width `interval`·SD (population SD), centred on the mean as
    /// ArcGIS does: thresholds at mean + (m + ½)·interval·SD for every integer m that falls
    /// strictly between the minimum and maximum.
    case standardDeviation(interval: Double)
    /// The thresholds given (sorted, duplicates dropped).
    case values([Double])

    /// Errors from parsing or applying a method.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case invalidSpec(String)
        public var description: String {
            switch self {
            case .invalidSpec(let s):
                "class spec '\(s)' is not one of jenks:K, quantile:K, equal:K (K = 2...32), stddev:S (S > 0), values:A,B,..."
            }
        }
    }

    /// Parses `jenks:5`, `quantile:4`, `equal:5`, `stddev:1` (or `stddev:0.5`), `values:0.1,0.5,1`.
    /// - Throws: `ParseError.invalidSpec`.
    public init(parsing spec: String) throws {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ParseError.invalidSpec(spec) }
        let name = parts[0].lowercased(), arg = parts[1]
        func count() throws -> Int {
            guard let k = Int(arg), (2...32).contains(k) else { throw ParseError.invalidSpec(spec) }
            return k
        }
        switch name {
        case "jenks", "natural": self = .naturalBreaks(classes: try count())
        case "quantile": self = .quantile(classes: try count())
        case "equal": self = .equalInterval(classes: try count())
        case "stddev":
            guard let s = Double(arg), s.isFinite, s > 0 else { throw ParseError.invalidSpec(spec) }
            self = .standardDeviation(interval: s)
        case "values":
            let v = arg.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !v.isEmpty, v.allSatisfy({ $0?.isFinite == true }) else { throw ParseError.invalidSpec(spec) }
            self = .values(v.compactMap { $0 })
        default: throw ParseError.invalidSpec(spec)
        }
    }

    public var description: String {
        switch self {
        case .naturalBreaks(let k): "jenks:\(k)"
        case .quantile(let k): "quantile:\(k)"
        case .equalInterval(let k): "equal:\(k)"
        case .standardDeviation(let s): "stddev:\(s)"
        case .values(let v): "values:" + v.map { "\($0)" }.joined(separator: ",")
        }
    }
}
