import Foundation

/// ArcGIS Pro's default search radius for Kernel Density, a spatial variant of Silverman's
/// rule of thumb (Silverman 1986, eq. 3.31, with the median distance as the robust spread):
///
///     h = 0.9 · min(SD, √(1 / ln 2) · Dm) · n^(−0.2)
///
/// - mean centre (x̄, ȳ) = (Σ wᵢxᵢ / W, Σ wᵢyᵢ / W), W = Σ wᵢ;
/// - SD, the standard distance: √(Σ wᵢ(xᵢ − x̄)² / W + Σ wᵢ(yᵢ − ȳ)² / W);
/// - Dm, the median distance from the mean centre: weighted, the smallest distance (in
///   ascending order) whose cumulative weight reaches W / 2; unweighted, the plain median
///   (the mean of the two middle distances for an even count, as numpy's);
/// - n = W when weighted, the point count when not.
///
/// The definitions are those of `shared/reference/kde_spec.json` (`default_radius_rule`).
/// Units: those of the coordinates (metres). Points of weight 0 take no part when weighted.
public struct SpatialSilvermanBandwidth: Sendable, Hashable {
    /// Which term of the min() decided h.
    public enum Branch: String, Sendable, Hashable {
        /// The standard distance SD was the smaller.
        case standardDistance = "SD"
        /// √(1/ln 2) · Dm was the smaller (ties go to SD).
        case medianDistance = "Dm"
    }

    /// The radius h.
    public let bandwidth: Double
    public let meanX: Double
    public let meanY: Double
    public let standardDistance: Double
    public let medianDistance: Double
    /// √(1 / ln 2) · Dm.
    public let scaledMedianDistance: Double
    /// n: the sum of weights (weighted) or the number of points.
    public let n: Double
    public let weighted: Bool
    public let branch: Branch

    /// Computes the rule for `points`.
    /// - Parameter weighted: use each point's weight (ArcGIS with a population field); false
    ///   treats every point as weight 1.
    /// - Throws: `DensityError.noPoints`, `.invalidPoint`, `.negativeWeight`,
    ///   `.degenerateBandwidth` when all points coincide.
    public init(points: [AnalysisPoint], weighted: Bool) throws {
        var sw = 0.0, sx = 0.0, sy = 0.0
        for (i, p) in points.enumerated() {
            guard p.x.isFinite, p.y.isFinite, p.weight.isFinite else { throw DensityError.invalidPoint(index: i) }
            let w = weighted ? p.weight : 1
            guard w >= 0 else { throw DensityError.negativeWeight(index: i, weight: w) }
            sw += w
            sx += w * p.x
            sy += w * p.y
        }
        guard sw > 0 else { throw DensityError.noPoints }
        let mx = sx / sw, my = sy / sw
        var sdx = 0.0, sdy = 0.0
        var distances: [(d: Double, w: Double)] = []
        distances.reserveCapacity(points.count)
        for p in points {
            let w = weighted ? p.weight : 1
            guard w > 0 else { continue }
            let dx = p.x - mx, dy = p.y - my
            sdx += w * dx * dx
            sdy += w * dy * dy
            distances.append(((dx * dx + dy * dy).squareRoot(), w))
        }
        let sd = (sdx / sw + sdy / sw).squareRoot()
        distances.sort { $0.d < $1.d }
        let dm: Double
        if weighted {
            var cumulative = 0.0
            var found = distances[distances.count - 1].d
            for e in distances {
                cumulative += e.w
                if cumulative >= sw / 2 { found = e.d; break }
            }
            dm = found
        } else {
            let c = distances.count
            dm = c % 2 == 1 ? distances[c / 2].d : (distances[c / 2 - 1].d + distances[c / 2].d) / 2
        }
        let scaled = (1 / log(2.0)).squareRoot() * dm
        let n = weighted ? sw : Double(distances.count)
        let spread = min(sd, scaled)
        let h = 0.9 * spread * pow(n, -0.2)
        guard h > 0, h.isFinite else { throw DensityError.degenerateBandwidth(standardDistance: sd, medianDistance: dm) }
        bandwidth = h
        meanX = mx
        meanY = my
        standardDistance = sd
        medianDistance = dm
        scaledMedianDistance = scaled
        self.n = n
        self.weighted = weighted
        branch = sd <= scaled ? .standardDistance : .medianDistance
    }
}
