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
/// a second, and silent when stderr is not a terminal (piped or in CI).
struct Progress {
    let label: String
    let total: Int
    private let enabled = Terminal.stderrIsTerminal
    private var lastDraw = Date.distantPast

    init(label: String, total: Int) {
        self.label = label
        self.total = total
    }

    mutating func update(_ done: Int) {
        guard enabled, total > 0, Date().timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = Date()
        let percent = Int((Double(done) / Double(total) * 100).rounded(.down))
        FileHandle.standardError.write(Data("\r\(label) \(percent)% \(done)/\(total)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
