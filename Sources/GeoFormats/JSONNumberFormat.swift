import Foundation
import GeoCore

/// Fixed-point number text for coordinates: at most `decimals` fraction digits, trailing zeros
/// (and a bare point) trimmed, never exponent notation, `-0` written as `0`.
///
/// Values whose scaled magnitude fits in 2^53 (every longitude/latitude, and projected metres up
/// to about 9e8 at 7 decimals) are rounded with one multiplication and printed from an integer,
/// which is several times faster than `String(format:)`; larger values fall back to `%.*f`.
/// The fast path's error is at most half a unit of the last written digit plus one rounding of
/// the product (≤ 2 ulp of the value), e.g. ≤ 6.3e-8 for 7 decimals at |value| ≈ 1e8 (exactly half a unit for degrees is not guaranteed either).
enum JSONNumberFormat {
    private static let powers: [Double] = (0...15).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    /// Appends the text of finite `value` to `out`. `decimals` is clamped to 0...15.
    static func appendFixed(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        let d = max(0, min(15, decimals))
        let scaled = (value * powers[d]).rounded()
        if abs(scaled) < 9_007_199_254_740_992 {
            var k = Int64(scaled)
            if k == 0 { out.append(UInt8(ascii: "0")); return }
            if k < 0 { out.append(UInt8(ascii: "-")); k = -k }
            var frac = d
            while frac > 0, k % 10 == 0 { k /= 10; frac -= 1 }
            // Digits from the last one, the point after `frac` of them and at least one integer
            // digit; then reversed in place (no temporary array: this runs per coordinate).
            let start = out.count
            var n = 0
            repeat {
                out.append(UInt8(48 + k % 10))
                k /= 10
                n += 1
                if n == frac { out.append(UInt8(ascii: ".")) }
            } while k > 0 || n <= frac
            var i = start, j = out.count - 1
            while i < j { out.swapAt(i, j); i += 1; j -= 1 }
            return
        }
        var text = String(format: "%.\(d)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        out.append(contentsOf: text.utf8)
    }

    /// True when every x, y (and z, when present) of `g` is finite.
    static func allFinite(_ g: Geometry) -> Bool {
        var ok = true
        g.forEachCoordinate { c in
            if !c.x.isFinite || !c.y.isFinite || !(c.z?.isFinite ?? true) { ok = false }
        }
        return ok
    }

    /// The text `appendFixed` would append.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var out: [UInt8] = []
        appendFixed(value, decimals: decimals, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
