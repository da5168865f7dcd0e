import Foundation
import MapStyle
import Rasterizer

/// What identifies a file's contents cheaply: its size and modification time, both nil when
/// the file is missing or cannot be read (so creating or deleting a file changes the stamp).
public struct FileStamp: Sendable, Hashable {
    /// Bytes.
    public let size: Int?
    /// Last modification (the file system's resolution, nanoseconds on Linux).
    public let modified: Date?

    /// The stamp of the file at `path` now.
    public init(path: String) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        size = attributes?[.size] as? Int
        modified = attributes?[.modificationDate] as? Date
    }

    /// The stamp of the file at `url` now.
    public init(_ url: URL) { self.init(path: url.path) }
}

/// Everything the pixels of a style's tiles depend on besides the tile address and the features
/// supplied per render (incidents, which caches key by the store's data version): the style
/// document, the files it reads (shapefile parts, GeoJSON files, fonts) and the renderer's
/// drawing code (`MapRenderer.version`). `fingerprint` folds them into the one number tile
/// caches key tiles by (`TileKey.styleHash`), so editing or replacing any of them, or upgrading
/// to a BorderMap that draws differently, gives every tile a new key and a new ETag.
///
/// Files enter by name, size and modification time, not by content: checking them is a `stat`
/// per file, cheap enough to repeat every few seconds. Copying data files without keeping
/// their modification times (`cp` without `-p`) therefore changes the fingerprint too.
public struct RenderInputs: Sendable, Hashable {
    /// `Style.contentHash` of the style document.
    public let styleHash: UInt64
    /// Data files the style reads (absolute paths, sorted); some may be missing, e.g. a
    /// shapefile without `.cpg`, or a GeoJSON file an analysis has not written yet.
    public let dataFiles: [String]
    /// Files of the fonts the style names (absolute paths, sorted).
    public let fontFiles: [String]
    /// Font names the style uses that no font file provides (sorted): installing one changes
    /// the fingerprint.
    public let missingFonts: [String]

    /// Creates the inputs; the lists are sorted and their repeats dropped.
    public init(styleHash: UInt64, dataFiles: [String], fontFiles: [String] = [], missingFonts: [String] = []) {
        self.styleHash = styleHash
        self.dataFiles = Array(Set(dataFiles)).sorted()
        self.fontFiles = Array(Set(fontFiles)).sorted()
        self.missingFonts = Array(Set(missingFonts)).sorted()
    }

    /// Every file, data files first: the order of `stamps()`.
    public var files: [String] { dataFiles + fontFiles }

    /// The current stamps of `files`, in order.
    public func stamps() -> [FileStamp] { files.map { FileStamp(path: $0) } }

    /// The fingerprint: FNV-1a 64 (`fnv1a64`) of a text listing `version`, `styleHash`, each
    /// file's name, size and modification time (nanoseconds since 1970; `-` for a missing
    /// file) from `stamps` (default: the files now; pass the stamps taken when the data was
    /// read to key what was read), and the missing font names.
    public func fingerprint(stamps: [FileStamp]? = nil, version: Int = MapRenderer.version) -> UInt64 {
        let stamps = stamps ?? self.stamps()
        var text = "bordermap-renderer \(version)\nstyle \(styleHash)\n"
        for (i, file) in files.enumerated() {
            let stamp = i < stamps.count ? stamps[i] : FileStamp(path: file)
            let size = stamp.size.map(String.init) ?? "-"
            let time = stamp.modified.map { String(Int64(($0.timeIntervalSince1970 * 1e9).rounded())) } ?? "-"
            text += "file \((file as NSString).lastPathComponent) \(size) \(time)\n"
        }
        for name in missingFonts { text += "missing-font \(name)\n" }
        return fnv1a64(Array(text.utf8))
    }
}

extension MapRenderer {
    /// The version of the drawing code, part of every tile fingerprint (`RenderInputs`).
    /// Bump it in any change that makes the same style and data draw different pixels
    /// (geometry, anti-aliasing, label placement, simplification, PNG encoding): then tile
    /// caches, browser caches (tile URLs carry the fingerprint) and MBTiles files seeded by an
    /// older BorderMap stop being used instead of being served as if current.
    public static let version = 1

    /// What the tiles of `style` are drawn from: the style, each shapefile source's `.shp`,
    /// `.shx`, `.dbf`, `.prj` and `.cpg` (either case, as the reader looks for them; paths
    /// resolved as `init` resolves them, an unresolvable source left out), the files of the
    /// fonts its symbol layers name (`Style.fontNames`, as `fonts` finds them), and `files`:
    /// data the caller supplies per render from files (GeoJSON). Only looks files up, reads
    /// none of their data: take the stamps (`RenderInputs.stamps()`) before loading, and any
    /// edit made while loading shows as a changed stamp afterwards.
    public static func inputs(of style: Style, styleDirectory: URL?, dataDirectory: URL?, fonts: FontLibrary = .shared,
                              adding files: [URL] = []) -> RenderInputs {
        var data = files.map(\.path)
        for (id, source) in style.sources where source.kind == .shapefile {
            guard let path = source.path,
                  let shp = try? resolve(path, styleDirectory: styleDirectory, dataDirectory: dataDirectory, source: id) else { continue }
            let base = (shp as NSString).deletingPathExtension
            for part in ["shp", "shx", "dbf", "prj", "cpg"] {
                data.append(base + "." + part)
                data.append(base + "." + part.uppercased())
            }
        }
        var fontFiles: [String] = [], missing: [String] = []
        for name in style.fontNames {
            if let font = try? fonts.font(named: name) { fontFiles.append(font.location.path) } else { missing.append(name) }
        }
        return RenderInputs(styleHash: style.contentHash, dataFiles: data, fontFiles: fontFiles, missingFonts: missing)
    }
}
