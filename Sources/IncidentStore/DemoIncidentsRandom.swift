import Foundation

/// The demo generator's own pseudo-random source: SplitMix64 (G. L. Steele, D. Lea, C. H. Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014; constants from Java's
/// `SplittableRandom`). It is part of the file format of the demo data: the same seed gives the
/// same numbers on every platform and Swift version, which `SystemRandomNumberGenerator` and
/// the standard library's `random(in:)` helpers do not promise.
///
/// Only the arithmetic below is used (no `Double.random(in:using:)`), so outputs never depend on
/// how the standard library maps 64-bit words to ranges.
struct DemoRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator started at `seed`.
    init(seed: UInt64) { state = seed }

    /// A generator for item `index` of stream `seed`, independent of how many numbers earlier
    /// items drew: the two words are mixed through SplitMix64's finaliser.
    init(seed: UInt64, stream: UInt64, index: UInt64) {
        var mixer = DemoRandom(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        let base = mixer.next()
        self.init(seed: base ^ (index &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019))
        _ = next()
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    mutating func uniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// Uniform integer in 0..<n (n > 0), by Lemire's multiply-shift with rejection (no bias).
    mutating func integer(below n: Int) -> Int {
        precondition(n > 0, "empty range")
        let bound = UInt64(n)
        while true {
            let product = next().multipliedFullWidth(by: bound)
            if product.low >= (0 &- bound) % bound { return Int(product.high) }
        }
    }

    /// Standard normal by the Box–Muller transform (one of the pair; the other is dropped so
    /// each call uses exactly two words).
    mutating func normal() -> Double {
        let u1 = uniformPositive(), u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * .pi * u2)
    }

    /// |N(0, sigma²)|: the half-normal distribution, mean sigma·√(2/π).
    mutating func halfNormal(sigma: Double) -> Double {
        abs(normal()) * sigma
    }

    /// Exponential with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -Foundation.log(uniformPositive()) * mean
    }

    /// Log-normal: exp(mu + sigma·Z); `median` = exp(mu).
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * Foundation.exp(sigma * normal())
    }
}

/// A discrete distribution over indices 0..<n by cumulative weights (binary search on draw).
struct DemoWeightedChoice: Sendable {
    private let cumulative: [Double]

    /// Weights must be finite and non-negative with a positive sum; nil otherwise.
    init?(_ weights: [Double]) {
        var running = 0.0
        var sums: [Double] = []
        sums.reserveCapacity(weights.count)
        for w in weights {
            guard w.isFinite, w >= 0 else { return nil }
            running += w
            sums.append(running)
        }
        guard running > 0 else { return nil }
        cumulative = sums
    }

    /// An index with probability proportional to its weight.
    func pick(_ rng: inout DemoRandom) -> Int {
        let target = rng.uniform() * (cumulative.last ?? 0)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
