import Foundation

/// Finds rows of one file that repeat an earlier row of the same file, which the store would
/// otherwise collapse silently into one incident (they share a `sourceKey`):
///
/// - keyed by content (the default), a repeat is a row whose cells are all the same as an
///   earlier row's (`IncidentTable.sourceKey(header:values:)`): `.repeats`;
/// - keyed by an id column (`IncidentColumnMapping.keyByID`), a row with an earlier row's id
///   is `.repeats` when its values are the same too (same time, place, fields and properties),
///   else `.conflicts`: two different incidents claim one id.
///
/// Memory: about 48 bytes per distinct key (128 bits of the key, the row number and, for id
/// keys, 64 bits of the values' digest), so a file of a million rows needs some 50 MB. Keys
/// compared on 128 bits of SHA-256 and values on 64 bits: the chance that distinct rows are
/// taken for one is below 10⁻²⁰ for a million rows (birthday bound n²/2¹²⁹), negligible.
/// Not thread-safe.
public struct IncidentRepeatCheck: Sendable {
    /// What `check(_:)` found for one record.
    public enum Outcome: Sendable, Hashable {
        /// The first row with this key in the file.
        case first
        /// Same key and same values as the earlier `row`: one incident written twice.
        case repeats(row: Int)
        /// Same id as the earlier `row` but other values (id keys only).
        case conflicts(row: Int)
    }

    private struct Key: Hashable, Sendable {
        let high: UInt64, low: UInt64
    }

    private struct Seen: Sendable {
        let row: Int
        let values: UInt64
    }

    private var seen: [Key: Seen] = [:]
    private let byID: Bool

    /// A check for the rows of one file; `keyedByID` as the file's `IncidentTable.keyByID`.
    public init(keyedByID: Bool) {
        byID = keyedByID
    }

    /// Records `record` and says whether an earlier record of the file had its key.
    public mutating func check(_ record: IncidentRecord) -> Outcome {
        let key = Self.key(record.sourceKey)
        let values = byID ? Self.valuesDigest(record) : 0
        if let earlier = seen[key] {
            return earlier.values == values ? .repeats(row: earlier.row) : .conflicts(row: earlier.row)
        }
        seen[key] = Seen(row: record.row, values: values)
        return .first
    }

    /// Why a row giving an earlier row's id with other values is rejected (the import's and the
    /// upload's rejection reason); `rowLabel` names the numbering ("row", "feature").
    public static func conflictReason(id: String?, earlierRow: Int, rowLabel: String = "row") -> String {
        "id '\(id ?? "")' is also on \(rowLabel) \(earlierRow), with other values: only that one is stored"
    }

    /// The first 128 bits of a hex key (a key that is not hex, from a caller's own records, is
    /// hashed first).
    private static func key(_ hex: String) -> Key {
        let utf8 = Array(hex.utf8)
        var words: [UInt64] = [0, 0]
        var ok = utf8.count >= 32
        if ok {
            for i in 0..<32 {
                guard let d = hexValue(utf8[i]) else { ok = false; break }
                words[i / 16] = words[i / 16] << 4 | UInt64(d)
            }
        }
        if !ok { return key(IncidentTable.hexDigest(utf8)) }
        return Key(high: words[0], low: words[1])
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }

    /// 64 bits of SHA-256 over the record's values (not its id, key or row): time and
    /// coordinates by their bit patterns, texts and properties (sorted by name) as UTF-8, each
    /// field separated by U+001E and absent ones marked by U+001F.
    static func valuesDigest(_ r: IncidentRecord) -> UInt64 {
        var message: [UInt8] = []
        func addBits(_ bits: UInt64) { withUnsafeBytes(of: bits.bigEndian) { message += $0 }; message.append(0x1E) }
        func addText(_ text: String?) {
            if let text { message += text.utf8 } else { message.append(0x1F) }
            message.append(0x1E)
        }
        addBits(r.occurredAt.timeIntervalSince1970.bitPattern)
        addBits(r.lon.bitPattern)
        addBits(r.lat.bitPattern)
        for text in [r.category, r.substance, r.agency, r.borderPost, r.source] { addText(text) }
        addText(r.quantityKg.map { String($0.bitPattern) })
        for (name, value) in r.properties.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
            addText(name)
            addText(value)
        }
        var sha = SHA256()
        sha.update(message)
        return sha.finish().prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
