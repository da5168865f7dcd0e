import Foundation

/// A decoded map style: sources and an ordered list of layers (drawn first to last).
///
/// MapStyle implements the MapLibre style-spec subset of DESIGN.md ("Styles"). Decisions:
/// - Semantics follow MapLibre: `line-dasharray` lengths are in units of the line width;
///   `text-offset` and `text-max-width` in ems; colours interpolate in premultiplied RGB; an
///   expression evaluation error yields the property default (a filter: false).
/// - `has` is false for a property that is present but null (shapefile DBF records always
///   carry every field, so MapLibre's "key present" test would always be true).
/// - Not supported, reported as errors: legacy filter syntax, `cubic-bezier`, operators outside
///   the list, network sources (`url`, `tiles`, `data`). Reported as warnings and ignored:
///   unknown keys and properties, `icon-*` (markers are `circle` layers), `source-layer`,
///   `sprite`/`glyphs`. `text-field` is an expression or a plain string (no `{token}` syntax).
/// - Shapefile paths are kept as written; the renderer resolves them (relative to the style
///   file's directory first, then the data directory).
///
/// Decode with `Style.decode(_:)`, which returns the style with its warnings or throws a
/// `StyleError` listing every error with its JSON path.
public struct Style: Sendable, Hashable {
    /// Style spec version; always 8.
    public let version: Int
    /// Human-readable name, if given.
    public let name: String?
    /// The `metadata` object, kept as JSON (titles, attribution, legend hints).
    public let metadata: StyleJSON?
    /// Sources by id.
    public let sources: [String: StyleSource]
    /// Layers in drawing order (first is drawn first, at the bottom).
    public let layers: [StyleLayer]
    /// FNV-1a 64-bit hash of the document's bytes, for cache keys: any edit changes it.
    public let contentHash: UInt64

    /// `contentHash` as 16 lowercase hex digits.
    public var contentHashHex: String {
        let hex = String(contentHash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The layer with this id, if any.
    public func layer(id: String) -> StyleLayer? { layers.first { $0.id == id } }

    /// The source a layer draws from (nil for `background` layers).
    public func source(for layer: StyleLayer) -> StyleSource? { layer.source.flatMap { sources[$0] } }

    /// Decodes a style document.
    /// - Returns: the style and its warnings (unknown keys and properties, each reported once).
    /// - Throws: `StyleError` with every error found, each naming its JSON path.
    public static func decode(_ data: Data) throws(StyleError) -> DecodedStyle {
        try StyleDecoder.decode([UInt8](data))
    }

    /// Reads and decodes a style file.
    /// - Throws: `StyleError` (the message names the file) when it cannot be read or is invalid.
    public static func load(contentsOf url: URL) throws(StyleError) -> DecodedStyle {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw StyleError([StyleDiagnostic(path: "", message: "cannot read \(url.path): \(error.localizedDescription)")])
        }
        do { return try decode(data) } catch {
            throw StyleError(error.diagnostics.map {
                StyleDiagnostic(path: $0.path, message: $0.message + " (in \(url.lastPathComponent))")
            })
        }
    }

    init(version: Int, name: String?, metadata: StyleJSON?, sources: [String: StyleSource], layers: [StyleLayer], contentHash: UInt64) {
        self.version = version
        self.name = name
        self.metadata = metadata
        self.sources = sources
        self.layers = layers
        self.contentHash = contentHash
    }
}

/// A successfully decoded style and the warnings found while decoding it.
public struct DecodedStyle: Sendable, Hashable {
    /// The style.
    public let style: Style
    /// Non-fatal problems (unknown keys and properties, ignored features), each reported once.
    public let warnings: [StyleDiagnostic]
}

/// FNV-1a 64-bit hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3, from the
/// Fowler-Noll-Vo reference); not cryptographic, used only for cache keys (`Style.contentHash`,
/// MapRenderer's `RenderInputs.fingerprint`).
public func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01b3
    }
    return h
}
