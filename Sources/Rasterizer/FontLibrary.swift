import Foundation

/// A loaded font face. Cheap to copy; copies share one FreeType face and its glyph cache.
/// Safe to use from several threads at once (see `FontFace` for the locking).
public struct Font: Sendable, Hashable {
    /// Where the face was loaded from and its own full name.
    public let location: FontLocation
    let face: FontFace

    /// Loads the face at `location` directly (normally use `FontLibrary.font(named:)`, which caches).
    /// - Throws: `FontError.freeType` when FreeType cannot open the file.
    public init(location: FontLocation) throws(FontError) {
        self.location = location
        face = try FontFace(path: location.path, faceIndex: location.faceIndex)
    }

    /// Font units per em (2048 for DejaVu Sans, 1000 for Noto Sans).
    public var unitsPerEm: Int { Int(face.unitsPerEm) }

    /// Whether the font has a glyph (other than .notdef) for `scalar`.
    public func hasGlyph(for scalar: Unicode.Scalar) -> Bool { face.glyphIndex(for: scalar) != 0 }

    public static func == (a: Font, b: Font) -> Bool { a.location == b.location }
    public func hash(into h: inout Hasher) { h.combine(location) }
}

/// An ordered list of fonts, as a MapLibre `text-font` array: each character is drawn with the
/// first font that has a glyph for it, else with the first font's .notdef box.
public struct FontStack: Sendable, Hashable {
    /// The fonts in priority order; never empty.
    public let fonts: [Font]

    /// - Throws: `FontError.emptyFontStack` when `fonts` is empty.
    public init(_ fonts: [Font]) throws(FontError) {
        guard !fonts.isEmpty else { throw FontError.emptyFontStack }
        self.fonts = fonts
    }
}

/// Resolves font names through a `FontCatalog` and keeps each face loaded once per process,
/// so glyph masks are rendered once and shared by all tiles. `shared` uses the standard catalog.
///
/// Thread-safe. FreeType faces are not, so each loaded face has its own `FT_Library` and a lock
/// around every FreeType call on it; rendered glyph masks are immutable and cached per face,
/// keyed by (size in 1/64 px, glyph id, quarter-pixel x offset, halo radius in 1/64 px), so
/// after warm-up threads drawing the same font contend only for a dictionary look-up.
public struct FontLibrary: Sendable {
    /// Where fonts are searched for.
    public let catalog: FontCatalog
    private let storage = Storage()

    /// A library over `catalog` (default: `FontCatalog.standard()`, honouring BORDERMAP_FONT_DIR).
    public init(catalog: FontCatalog = .standard()) {
        self.catalog = catalog
    }

    /// The process-wide library over the standard catalog.
    public static let shared = FontLibrary()

    /// The font named `name` ("DejaVu Sans Bold"), loaded on first use and cached.
    /// - Throws: `FontError.fontNotFound` (lists the directories searched), `FontError.freeType`.
    public func font(named name: String) throws(FontError) -> Font {
        if let f = storage.get(name) { return f }
        let location = try catalog.locate(name)
        let font: Font
        if let loaded = storage.get(location) { font = loaded } else { font = try Font(location: location) }
        storage.put(name, location, font)
        return storage.get(location) ?? font
    }

    /// The fonts of a MapLibre `text-font` array, in order.
    /// - Throws: `FontError.emptyFontStack`, or `fontNotFound` for the first name that is missing.
    public func fontStack(_ names: [String]) throws(FontError) -> FontStack {
        var fonts: [Font] = []
        for name in names { fonts.append(try font(named: name)) }
        return try FontStack(fonts)
    }

    /// Name and location caches; the lock guards only the dictionaries.
    private final class Storage: @unchecked Sendable {
        private let lock = NSLock()
        private var byName: [String: Font] = [:]
        private var byLocation: [FontLocation: Font] = [:]

        func get(_ name: String) -> Font? { lock.withLock { byName[name] } }
        func get(_ location: FontLocation) -> Font? { lock.withLock { byLocation[location] } }
        func put(_ name: String, _ location: FontLocation, _ font: Font) {
            lock.withLock {
                let kept = byLocation[location] ?? font
                byLocation[location] = kept
                byName[name] = kept
            }
        }
    }
}
