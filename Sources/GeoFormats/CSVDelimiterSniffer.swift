/// Guesses the delimiter of a CSV file from its first records.
///
/// For each candidate (`,` `;` tab) it counts occurrences outside quoted fields in each of the
/// first `maxRecords` records (a quoted line break does not end a record; blank lines are
/// skipped). A candidate that never occurs in the header scores nothing. Otherwise its score is
/// the share of records whose count equals the header's count — a real delimiter gives every
/// record the same number of fields. The best share wins; ties go to the larger count, then to
/// `;` over `,` over tab (a `;` file with decimal commas has many commas but not in its header).
/// With no candidate in the header (a one-column file) the answer is `,`.
enum CSVDelimiterSniffer {
    /// How many records are examined.
    static let maxRecords = 50

    /// The delimiter of the CSV text that starts with `bytes`. `complete` is true when `bytes`
    /// is the whole file; otherwise a last record without its line break is left out.
    static func sniff(_ bytes: ArraySlice<UInt8>, complete: Bool) -> CSVDelimiter {
        let order: [CSVDelimiter] = [.semicolon, .comma, .tab]
        var rows: [[Int]] = []  // per record, counts in `order`
        var counts = [0, 0, 0]
        var inQuotes = false
        var recordHasContent = false
        var i = bytes.startIndex
        while i < bytes.endIndex, rows.count < maxRecords {
            let b = bytes[i]
            i += 1
            if b == 0x22 {
                inQuotes.toggle()  // a doubled quote toggles twice: no net change
                recordHasContent = true
            } else if inQuotes {
                continue
            } else if b == 0x0A || b == 0x0D {
                if recordHasContent { rows.append(counts) }
                counts = [0, 0, 0]
                recordHasContent = false
            } else {
                recordHasContent = true
                if let k = order.firstIndex(where: { $0.rawValue == b }) { counts[k] += 1 }
            }
        }
        if complete, recordHasContent, !inQuotes, rows.count < maxRecords { rows.append(counts) }
        if rows.isEmpty, recordHasContent { rows.append(counts) }
        guard let header = rows.first else { return .comma }
        var best: (share: Double, count: Int, delimiter: CSVDelimiter)?
        for (k, d) in order.enumerated() where header[k] > 0 {
            let same = rows.filter { $0[k] == header[k] }.count
            let share = Double(same) / Double(rows.count)
            if let b = best, (b.share, b.count) >= (share, header[k]) { continue }
            best = (share, header[k], d)
        }
        return best?.delimiter ?? .comma
    }
}
