import Foundation

/// Strings and numbers for `JSONParser`.
extension JSONParser {
    /// Parses a string literal at `pos` (which is on the opening quote).
    mutating func parseString() throws -> String {
        let start = pos
        pos += 1
        let contentStart = pos
        // Fast path: no escapes. Scan to the closing quote, checking for control characters.
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[contentStart..<pos])
                guard let s = String(validating: slice, as: UTF8.self) else {
                    throw error("invalid UTF-8 in a string", at: start)
                }
                pos += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("unescaped control character in a string") }
            pos += 1
        }
        guard pos < bytes.count else { throw error("unterminated string (truncated file?)", at: start) }
        // Slow path with escapes.
        var buf = Array(UnsafeBufferPointer(rebasing: bytes[contentStart..<pos]))
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                guard let s = String(validating: buf, as: UTF8.self) else {
                    throw error("invalid UTF-8 in a string", at: start)
                }
                return s
            }
            if b < 0x20 { throw error("unescaped control character in a string") }
            if b != UInt8(ascii: "\\") { buf.append(b); pos += 1; continue }
            pos += 1
            guard pos < bytes.count else { break }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buf.append(e)
            case UInt8(ascii: "b"): buf.append(0x08)
            case UInt8(ascii: "f"): buf.append(0x0C)
            case UInt8(ascii: "n"): buf.append(0x0A)
            case UInt8(ascii: "r"): buf.append(0x0D)
            case UInt8(ascii: "t"): buf.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                        throw error("unpaired UTF-16 surrogate escape in a string")
                    }
                    pos += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired UTF-16 surrogate escape in a string") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("unpaired UTF-16 surrogate escape in a string")
                }
                guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                buf.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                pos -= 1
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
            }
        }
        throw error("unterminated string (truncated file?)", at: start)
    }

    private mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[pos]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in a \\u escape")
            }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    private static let exactPowers: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    /// Parses a number at `pos` by the JSON grammar. Returns its value and, for integer
    /// literals (no fraction or exponent) that fit, the exact `Int64`.
    mutating func parseNumber() throws -> (Double, Int64?) {
        let start = pos
        var negative = false
        if bytes[pos] == UInt8(ascii: "-") { negative = true; pos += 1 }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits accumulated in mantissa
        var dropped = 0         // integer digits not accumulated (overflow)
        var fractionDigits = 0
        guard pos < bytes.count, isDigit(bytes[pos]) else {
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "I") { throw error("NaN and Infinity are not valid JSON numbers") }
            throw unexpected("a digit")
        }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < bytes.count, isDigit(bytes[pos]) { throw error("leading zeros are not allowed in JSON numbers") }
        } else {
            while pos < bytes.count, isDigit(bytes[pos]) {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[pos] - 48); if mantissa > 0 { digits += 1 } } else { dropped += 1 }
                pos += 1
            }
        }
        var isInteger = true
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard pos < bytes.count, isDigit(bytes[pos]) else { throw unexpected("a digit after '.'") }
            while pos < bytes.count, isDigit(bytes[pos]) {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(bytes[pos] - 48)
                    if mantissa > 0 { digits += 1 }
                    fractionDigits += 1
                }
                pos += 1
            }
        }
        var exponent = 0
        if pos < bytes.count, bytes[pos] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            pos += 1
            var expNegative = false
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") {
                expNegative = bytes[pos] == UInt8(ascii: "-"); pos += 1
            }
            guard pos < bytes.count, isDigit(bytes[pos]) else { throw unexpected("a digit in the exponent") }
            while pos < bytes.count, isDigit(bytes[pos]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[pos] - 48) }
                pos += 1
            }
            if expNegative { exponent = -exponent }
        }
        if isInteger, dropped == 0 {
            if !negative, mantissa <= UInt64(Int64.max) { return (Double(mantissa), Int64(mantissa)) }
            if negative, mantissa <= UInt64(Int64.max) + 1 {
                let i = mantissa == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mantissa)
                return (Double(i), i)
            }
        }
        // Clinger's fast path: exact when the mantissa and the power of ten are exact doubles.
        let scale = exponent + dropped - fractionDigits
        if dropped == 0, mantissa < (1 << 53), abs(scale) <= 22 {
            var d = Double(mantissa)
            d = scale < 0 ? d / JSONParser.exactPowers[-scale] : d * JSONParser.exactPowers[scale]
            return (negative ? -d : d, nil)
        }
        // Slow path: let the C library round the literal correctly.
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        guard let d = Double(text) else { throw error("invalid number", at: start) }
        guard d.isFinite else { throw error("number out of range: \(text)", at: start) }
        return (d, nil)
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}
