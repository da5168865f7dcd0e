/// Fits attribute names into DBF's 10-byte field names the way GDAL's shapefile driver does.
///
/// A name longer than 10 bytes is cut to 10 (on a character boundary, so a multi-byte UTF-8
/// character is never split; GDAL cuts bytes). `:` becomes `_` and trailing spaces go. When the
/// result collides, ignoring case, with a name already used, the first 8 bytes of the cut name
/// get `_1` … `_9`, then the first 7 bytes get `_10` … `_99` (GDAL's `%.8s_%.1d`, `%.7s_%.2d`).
/// So `population_total`, `population_urban` become `population`, `populati_1`.
struct DBFFieldNaming {
    private var usedUpper: Set<String> = []
    let encoding: TextEncoding

    init(encoding: TextEncoding) { self.encoding = encoding }

    /// The longest prefix of `s` whose encoding is at most `bytes` long.
    func prefix(_ s: String, bytes: Int) -> String {
        var out = ""
        var n = 0
        for ch in s {
            let len = encoding.encode(String(ch)).bytes.count
            if n + len > bytes { break }
            out.append(ch)
            n += len
        }
        return out
    }

    /// The DBF name for `name`; throws when 99 renames are not enough or the name is empty.
    mutating func assign(_ name: String) throws -> String {
        var radix = prefix(name.replacingOccurrences(of: ":", with: "_"), bytes: 10)
        while radix.hasSuffix(" ") { radix.removeLast() }
        guard !radix.isEmpty else { throw FormatError("field name '\(name)' is empty after fitting it into 10 bytes") }
        var candidate = radix
        var n = 1
        while usedUpper.contains(candidate.uppercased()) {
            guard n < 100 else {
                throw FormatError("too many field names like '\(name)' when cut to 10 bytes for a shapefile")
            }
            candidate = prefix(radix, bytes: n < 10 ? 8 : 7) + "_" + String(n)
            n += 1
        }
        usedUpper.insert(candidate.uppercased())
        return candidate
    }
}
