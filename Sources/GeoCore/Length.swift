import Foundation

/// A distance with a unit, as written on the command line: `25km`, `800m`, `1.5 km`, `10mi`, `5nmi`.
public struct Length: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The distance in metres.
    public var meters: Double

    public init(meters: Double) { self.meters = meters }
    public static func kilometers(_ km: Double) -> Length { Length(meters: km * 1000) }

    /// Units accepted by `init(parsing:)` and their size in metres.
    public static let units: [(suffix: String, meters: Double)] = [
        ("nmi", 1852), ("km", 1000), ("mi", 1609.344), ("ft", 0.3048), ("m", 1),
    ]

    /// Parses a number followed by a unit (`km`, `m`, `mi`, `nmi`, `ft`). A bare number is
    /// rejected: distances must say their unit. Returns nil for negative or non-finite values.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        for (suffix, scale) in Length.units where t.hasSuffix(suffix) {
            let number = t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let v = Double(number), v.isFinite, v >= 0 else { return nil }
            self.meters = v * scale
            return
        }
        return nil
    }

    public var kilometers: Double { meters / 1000 }

    /// `12.5 km` from 1 km up, `800 m` below.
    public var description: String {
        meters >= 1000 ? "\(formatted(meters / 1000)) km" : "\(formatted(meters)) m"
    }

    private func formatted(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.3g", v)
    }

    public static func < (a: Length, b: Length) -> Bool { a.meters < b.meters }
}

