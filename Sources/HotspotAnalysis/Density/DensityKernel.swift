import Foundation

/// A radially symmetric kernel for kernel density estimation, zero at and beyond the search
/// radius h (every kernel here, the Gaussian included, is cut off at d = h).
///
/// Each kernel integrates to 1 over the plane, so a point's "volume" is its weight. With
/// u = d/h, K(d) = C · f(u) for u < 1 and 0 otherwise; the 2-D constant follows from
/// ∫ K dA = C · 2π h² ∫₀¹ f(u) u du = 1:
///
/// | kernel | f(u) | ∫₀¹ f(u) u du | C |
/// |---|---|---|---|
/// | `quartic` (ArcGIS's, Silverman 1986 eq. 4.5) | (1 − u²)² | 1/6 | 3 / (π h²) |
/// | `epanechnikov` | 1 − u² | 1/4 | 2 / (π h²) |
/// | `triweight` | (1 − u²)³ | 1/8 | 4 / (π h²) |
/// | `triangular` | 1 − u | 1/6 | 3 / (π h²) |
/// | `uniform` | 1 | 1/2 | 1 / (π h²) |
/// | `gaussian` | exp(−u²·9/2), i.e. σ = h/3, cut at 3σ | (1 − e^{−9/2}) / 9 | 9 / (2π h² (1 − e^{−9/2})) |
///
/// Gaussian: σ = h/3, so the search radius is three standard deviations; the untruncated mass
/// beyond 3σ (e^{−4.5} ≈ 1.1 %) is put back by the factor 1/(1 − e^{−9/2}), so the truncated
/// kernel still integrates to exactly 1.
///
/// Values are per square CRS unit (m⁻² for metre input).
public enum DensityKernel: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case quartic, gaussian, epanechnikov, triweight, triangular, uniform

    /// Parses a kernel name as the command line spells it (case-insensitive; `biweight` is an
    /// alias of `quartic`).
    public init?(name: String) {
        let n = name.lowercased()
        if n == "biweight" { self = .quartic; return }
        guard let k = DensityKernel(rawValue: n) else { return nil }
        self = k
    }

    public var description: String { rawValue }

    /// The 2-D normalising constant C (see the type) for search radius `h`, per square unit.
    public func normalisingConstant(bandwidth h: Double) -> Double {
        let h2 = h * h
        switch self {
        case .quartic, .triangular: return 3 / (Double.pi * h2)
        case .epanechnikov: return 2 / (Double.pi * h2)
        case .triweight: return 4 / (Double.pi * h2)
        case .uniform: return 1 / (Double.pi * h2)
        case .gaussian: return 9 / (2 * Double.pi * h2 * (1 - exp(-4.5)))
        }
    }

    /// The profile f at u² = (d/h)²: 0 when u² ≥ 1.
    @inlinable public func profile(uSquared u2: Double) -> Double {
        switch self {
        case .quartic: return QuarticProfile.value(u2)
        case .gaussian: return GaussianProfile.value(u2)
        case .epanechnikov: return EpanechnikovProfile.value(u2)
        case .triweight: return TriweightProfile.value(u2)
        case .triangular: return TriangularProfile.value(u2)
        case .uniform: return UniformProfile.value(u2)
        }
    }

    /// The kernel value C · f(d/h) at distance `d` from a point of weight 1, per square unit;
    /// 0 for d ≥ h.
    public func value(distance d: Double, bandwidth h: Double) -> Double {
        normalisingConstant(bandwidth: h) * profile(uSquared: (d * d) / (h * h))
    }
}

/// A kernel profile f as a function of u² = (d/h)² = x + y, with x = dx²/h², y = dy²/h² and
/// a = 1 − y passed too (the accumulator computes x once per column and y once per row); zero
/// for u² ≥ 1. Branch-free where the formula allows, so the accumulation loops vectorise. One
/// type per kernel lets the accumulator be specialised per kernel.
public protocol KernelProfile: SendableMetatype {
    static func value(x: Double, y: Double, a: Double) -> Double
}

extension KernelProfile {
    /// The profile at u².
    @inlinable @inline(__always) public static func value(_ u2: Double) -> Double { value(x: u2, y: 0, a: 1) }
}

/// The `quartic` profile: (1 − u²)², clamped at 0.
public enum QuarticProfile: KernelProfile {
    @inlinable @inline(__always) public static func value(x: Double, y: Double, a: Double) -> Double {
        let t = Swift.max(0, a - x)
        return t * t
    }
}

/// The `epanechnikov` profile: 1 − u², clamped at 0.
public enum EpanechnikovProfile: KernelProfile {
    @inlinable @inline(__always) public static func value(x: Double, y: Double, a: Double) -> Double { Swift.max(0, a - x) }
}

/// The `triweight` profile: (1 − u²)³, clamped at 0.
public enum TriweightProfile: KernelProfile {
    @inlinable @inline(__always) public static func value(x: Double, y: Double, a: Double) -> Double {
        let t = Swift.max(0, a - x)
        return t * t * t
    }
}

/// The `triangular` profile: 1 − u, clamped at 0.
public enum TriangularProfile: KernelProfile {
    @inlinable @inline(__always) public static func value(x: Double, y: Double, a: Double) -> Double {
        Swift.max(0, 1 - Swift.min(x + y, 1).squareRoot())
    }
}

/// The `uniform` profile: 1 for u < 1, else 0.
public enum UniformProfile: KernelProfile {
    @inlinable @inline(__always) public static func value(x: Double, y: Double, a: Double) -> Double { x < a ? 1 : 0 }
}

/// The `gaussian` profile: exp(−9u²/2) for u < 1 (σ = h/3), else 0.
public enum GaussianProfile: KernelProfile {
    @inlinable @inline(__always) public static func value(x: Double, y: Double, a: Double) -> Double {
        x < a ? exp(-4.5 * (x + y)) : 0
    }
}
