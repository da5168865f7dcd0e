import Foundation

/// Output helpers: results on stdout, diagnostics on stderr, progress only on a terminal.
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// True when stderr is a terminal, so a progress line can be redrawn in place.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// A one-line progress display (`label  42% 4,200/10,000`) on stderr, redrawn at most ten times
/// a second, and silent when stderr is not a terminal (piped or in CI). With a `rateUnit` it
/// adds the rate and the time left (`  35.2 tiles/s  ETA 2m10s`), from the average rate since
/// the display was created.
struct Progress {
    let label: String
    let total: Int
    /// Unit of the rate ("tiles"); nil shows no rate or ETA.
    let rateUnit: String?
    private let enabled = Terminal.stderrIsTerminal
    private var lastDraw = Date.distantPast
    private let start = Date()

    init(label: String, total: Int, rateUnit: String? = nil) {
        self.label = label
        self.total = total
        self.rateUnit = rateUnit
    }

    mutating func update(_ done: Int) {
        guard enabled, total > 0, Date().timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = Date()
        FileHandle.standardError.write(Data("\r\(line(done, elapsed: Date().timeIntervalSince(start)))\u{1B}[K".utf8))
    }

    /// The text shown after `done` of `total` in `elapsed` seconds.
    func line(_ done: Int, elapsed: Double) -> String {
        let percent = Int((Double(done) / Double(total) * 100).rounded(.down))
        var text = "\(label) \(percent)% \(done)/\(total)"
        if let rateUnit, elapsed > 0, done > 0 {
            let rate = Double(done) / elapsed
            text += "  \(String(format: "%.1f", rate)) \(rateUnit)/s  ETA \(Self.duration(Double(total - done) / rate))"
        }
        return text
    }

    /// `45s`, `2m10s`, `3h05m`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s / 3600)h\(String(format: "%02d", s / 60 % 60))m"
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
