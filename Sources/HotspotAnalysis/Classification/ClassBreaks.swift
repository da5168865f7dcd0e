import Foundation

/// Class breaks computed over a grid's values (see `ClassBreakMethod` for the meaning).
public struct ClassBreaks: Sendable, Hashable {
    public let method: ClassBreakMethod
    /// The interior thresholds t₁ < … < t_{k−1}, ascending, duplicates removed.
    public let thresholds: [Double]
    /// The smallest and largest value classified.
    public let minimum: Double
    public let maximum: Double
    /// How many values the breaks were computed from (natural breaks on more than
    /// `FisherJenks.sampleLimit` values use an evenly spaced sample of that many sorted values:
    /// positions round(i·(n − 1)/(m − 1)), i = 0..<m, so the minimum and maximum are kept).
    public let sampleSize: Int

    /// The number of classes, thresholds.count + 1.
    public var classCount: Int { thresholds.count + 1 }

    /// The class (1 = lowest) of `value`: 1 + the number of thresholds below it.
    public func classOf(_ value: Double) -> Int {
        var lo = 0, hi = thresholds.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if thresholds[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo + 1
    }

    /// Computes breaks over `values` (NaN and infinite values are ignored).
    /// - Throws: `ClassBreakMethod.ParseError.invalidSpec` for a non-positive class count or
    ///   interval; `DensityError.noPoints` when no finite value is given.
    public init(values: [Double], method: ClassBreakMethod) throws {
        let sorted = values.filter(\.isFinite).sorted()
        guard let lo = sorted.first, let hi = sorted.last else { throw DensityError.noPoints }
        self.method = method
        minimum = lo
        maximum = hi
        var t: [Double]
        var used = sorted.count
        switch method {
        case .naturalBreaks(let k):
            guard k >= 2 else { throw ClassBreakMethod.ParseError.invalidSpec(method.description) }
            var sample = sorted
            if sorted.count > FisherJenks.sampleLimit {
                let m = FisherJenks.sampleLimit, n = sorted.count
                sample = (0..<m).map { sorted[Int((Double($0) * Double(n - 1) / Double(m - 1)).rounded())] }
            }
            used = sample.count
            t = FisherJenks.thresholds(sorted: sample, classes: k)
        case .quantile(let k):
            guard k >= 2 else { throw ClassBreakMethod.ParseError.invalidSpec(method.description) }
            let n = sorted.count
            t = (1..<k).compactMap { c in
                let i = c * n / k - 1
                return i >= 0 ? sorted[i] : nil
            }
        case .equalInterval(let k):
            guard k >= 2 else { throw ClassBreakMethod.ParseError.invalidSpec(method.description) }
            t = (1..<k).map { lo + Double($0) * (hi - lo) / Double(k) }
        case .standardDeviation(let s):
            guard s > 0, s.isFinite else { throw ClassBreakMethod.ParseError.invalidSpec(method.description) }
            let n = Double(sorted.count)
            let mean = sorted.reduce(0, +) / n
            let sd = (sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
            t = []
            if sd > 0 {
                let width = s * sd
                let mLo = Int(((lo - mean) / width - 0.5).rounded(.down)), mHi = Int(((hi - mean) / width - 0.5).rounded(.up))
                for m in mLo...max(mLo, mHi) {
                    let v = mean + (Double(m) + 0.5) * width
                    if v > lo && v < hi { t.append(v) }
                }
            }
        case .values(let v):
            t = v
        }
        thresholds = Array(Set(t)).sorted()
        sampleSize = used
    }
}
