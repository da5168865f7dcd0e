/// Collects warnings so that each distinct problem is reported once, with the other places
/// it occurs listed in the same warning.
struct WarningCollector {
    private var order: [String] = []
    private var entries: [String: (path: String, message: String, others: [String])] = [:]

    /// Records a warning; `key` identifies the problem (e.g. `paint:fill-foo`), so repeats
    /// only add their path to the first report.
    mutating func add(key: String, path: String, message: String) {
        if entries[key] != nil {
            entries[key]?.others.append(path)
        } else {
            order.append(key)
            entries[key] = (path, message, [])
        }
    }

    var diagnostics: [StyleDiagnostic] {
        order.compactMap { key in
            guard let e = entries[key] else { return nil }
            let also = e.others.isEmpty ? "" : " (also at \(e.others.joined(separator: ", ")))"
            return StyleDiagnostic(path: e.path, message: e.message + also)
        }
    }
}
