import Foundation
import Logging
import MapRenderer
import Rasterizer

/// The styles of the styles folder, by name, reloaded when a file changes: the style file, or
/// any file it is drawn from (shapefile parts, GeoJSON files, fonts: `RenderInputs`). A
/// reloaded style gets a new fingerprint, so its tiles get new keys and ETags within one check
/// interval and no purge is needed. A style that fails to load is reported (log and
/// `/styles`) and skipped; when an edit breaks a style that was serving, the last good version
/// keeps serving (and the style is tried again at the next change).
final class StyleCatalog: Sendable {
    let directory: URL
    let dataDirectory: URL
    private let state = Locked(State())
    private let logger: Logger

    private struct State {
        var styles: [String: ServedStyle] = [:]
        var problems: [String: String] = [:]
        /// Per style, the stamps of its file and inputs when last loaded or tried.
        var stamps: [String: [FileStamp]] = [:]
        /// The fonts styles draw with; replaced when a font file changes (a library keeps the
        /// faces it has read).
        var fonts = FontLibrary.shared
    }

    /// Loads every `*.json` of `directory`.
    /// - Throws: `CocoaError` when the folder cannot be listed.
    init(directory: URL, dataDirectory: URL, logger: Logger) throws {
        self.directory = directory
        self.dataDirectory = dataDirectory
        self.logger = logger
        try reload()
    }

    /// The style named `name`, if served.
    func style(_ name: String) -> ServedStyle? { state.withLock { $0.styles[name] } }

    /// Every style served, by name.
    var all: [ServedStyle] { state.withLock { $0.styles.values.sorted { $0.name < $1.name } } }

    /// Style files that do not load, with the reason.
    var problems: [String: String] { state.withLock { $0.problems } }

    /// Rereads the styles whose file or inputs are new or changed since the last look; drops
    /// deleted ones.
    /// - Throws: `CocoaError` when the folder cannot be listed.
    func reload() throws {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension.lowercased() == "json" }
        let names = Set(files.map { $0.deletingPathExtension().lastPathComponent })
        for file in files {
            let name = file.deletingPathExtension().lastPathComponent
            let (served, recorded, library) = state.withLock { ($0.styles[name], $0.stamps[name], $0.fonts) }
            let now = served?.currentStamps(file: file) ?? [FileStamp(file)]
            if recorded == now { continue }
            var fonts = library
            if let served, let recorded, recorded.count == now.count {
                let fontCount = served.inputs.fontFiles.count
                if recorded.suffix(fontCount) != now.suffix(fontCount) {
                    fonts = FontLibrary(catalog: library.catalog)
                    state.withLock { $0.fonts = fonts }
                }
            }
            do {
                let style = try ServedStyle(url: file, dataDirectory: dataDirectory, fonts: fonts)
                for w in style.renderer.warnings { logger.warning("style \(name): \(w)") }
                state.withLock {
                    $0.styles[name] = style
                    $0.problems[name] = nil
                    $0.stamps[name] = style.stamps
                }
                logger.info("style \(name) loaded (fingerprint \(style.version))")
            } catch {
                state.withLock {
                    $0.problems[name] = "\(error)"
                    $0.stamps[name] = now
                }
                logger.error("style \(name) (\(file.path)) not loaded: \(error)")
            }
        }
        state.withLock { s in
            for name in s.stamps.keys where !names.contains(name) {
                s.styles[name] = nil
                s.problems[name] = nil
                s.stamps[name] = nil
            }
        }
    }

    /// Checks for edits of style files and their inputs every `interval` seconds until cancelled.
    func watch(interval: Double) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(interval))
            do { try reload() } catch { logger.error("cannot list \(directory.path): \(error)") }
        }
    }
}
