import Foundation
import GeoCore

/// Writes an RFC 7946 GeoJSON FeatureCollection incrementally: `begin`, any number of
/// `write(_:)`, then `end`. Output goes to `sink` in chunks of about 1 MiB, so a million
/// features never sit in memory as one string.
///
/// Output: WGS 84 longitude/latitude (pass `toWGS84` when the data is in another CRS — the
/// caller decides; GeoFormats does not depend on PROJ), exterior rings counter-clockwise and
/// holes clockwise, no `crs` member, coordinates with at most `decimals` fraction digits
/// (trailing zeros trimmed, no exponent notation, `-0` as `0`), optional `bbox` members, a
/// feature's `id` when it has one, properties in `fields` order followed by the others sorted
/// by name, dates as `"YYYY-MM-DD"`, non-finite doubles as `null`. A collection `name`, when
/// given, is written as a foreign member (GDAL and QGIS use it as the layer name).
///
/// Not thread-safe; one writer per output.
public struct GeoJSONWriter {
    /// Writing options.
    public struct Options: Sendable, Hashable {
        /// Fraction digits for coordinates, 0...15. Default 7 (about 1 cm at the equator).
        public var decimals: Int
        /// Write `bbox` members on the collection (when known) and on each feature. Default false.
        public var writeBBox: Bool

        /// Creates options; see the properties for the defaults.
        public init(decimals: Int = 7, writeBBox: Bool = false) {
            self.decimals = decimals
            self.writeBBox = writeBBox
        }
    }

    private let options: Options
    private let toWGS84: (any CoordinateTransforming)?
    private let sink: (Data) throws -> Void
    private var buffer: [UInt8] = []
    private var fields: [Field] = []
    private var fieldNames: Set<String> = []
    private var state = 0 // 0 before begin, 1 inside, 2 ended
    private var count = 0

    /// Creates a writer that hands its output to `sink` chunk by chunk.
    /// - Parameter toWGS84: applied to every geometry before writing, or nil when the data is
    ///   already WGS 84 longitude/latitude.
    public init(options: Options = Options(), toWGS84: (any CoordinateTransforming)? = nil,
                sink: @escaping (Data) throws -> Void) {
        self.options = options
        self.toWGS84 = toWGS84
        self.sink = sink
        buffer.reserveCapacity(1 << 20)
    }

    /// Starts the collection.
    /// - Parameters:
    ///   - name: written as the collection's `name` member when not nil.
    ///   - fields: the property order; properties not named here follow, sorted.
    ///   - bbox: written as the collection `bbox` (WGS 84) when `writeBBox` is on and not nil.
    /// - Throws: `FormatError` when called twice, or whatever `sink` throws.
    public mutating func begin(name: String? = nil, fields: [Field] = [], bbox: BoundingBox? = nil) throws {
        guard state == 0 else { throw FormatError("GeoJSONWriter.begin called twice") }
        state = 1
        self.fields = fields
        fieldNames = Set(fields.map(\.name))
        GeoJSONText.appendCollectionStart(name: name, bbox: options.writeBBox ? bbox : nil, decimals: options.decimals, to: &buffer)
    }

    /// Writes one feature.
    /// - Throws: `FormatError` (location `features[i]`) when called outside begin/end, when
    ///   `toWGS84` fails or a coordinate is NaN/infinite (nothing of the feature is written);
    ///   whatever `sink` throws.
    public mutating func write(_ feature: Feature) throws {
        guard state == 1 else { throw FormatError("GeoJSONWriter.write called outside begin/end") }
        var geometry = feature.geometry
        if let g = geometry, let t = toWGS84 {
            do { geometry = try g.transformed(by: t) } catch {
                throw FormatError(location: "features[\(count)]", "cannot transform the geometry to WGS 84: \(error)")
            }
        }
        if let g = geometry, !JSONNumberFormat.allFinite(g) {
            throw FormatError(location: "features[\(count)].geometry", "a coordinate is NaN or infinite; GeoJSON cannot hold it")
        }
        if count > 0 { buffer.append(contentsOf: GeoJSONText.featureSeparator) }
        buffer.append(contentsOf: "{\"type\":\"Feature\",".utf8)
        switch feature.id {
        case .integer(let i)?: buffer.append(contentsOf: "\"id\":\(i),".utf8)
        case .string(let s)?:
            buffer.append(contentsOf: "\"id\":".utf8)
            GeoJSONText.appendString(s, to: &buffer)
            buffer.append(UInt8(ascii: ","))
        case nil: break
        }
        if options.writeBBox, let box = geometry?.boundingBox {
            GeoJSONText.appendBBox(box, decimals: options.decimals, to: &buffer)
            buffer.append(UInt8(ascii: ","))
        }
        buffer.append(contentsOf: "\"properties\":{".utf8)
        var first = true
        for f in fields {
            appendProperty(f.name, feature.properties[f.name] ?? .null, first: &first)
        }
        if feature.properties.keys.contains(where: { !fieldNames.contains($0) }) {
            for key in feature.properties.keys.sorted() where !fieldNames.contains(key) {
                appendProperty(key, feature.properties[key] ?? .null, first: &first)
            }
        }
        buffer.append(contentsOf: "},\"geometry\":".utf8)
        if let geometry {
            GeoJSONGeometryEncoding.append(geometry, decimals: options.decimals, to: &buffer)
        } else {
            buffer.append(contentsOf: "null".utf8)
        }
        buffer.append(UInt8(ascii: "}"))
        count += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Closes the collection and flushes everything to the sink.
    /// - Throws: `FormatError` when not begun or already ended; whatever `sink` throws.
    public mutating func end() throws {
        guard state == 1 else { throw FormatError("GeoJSONWriter.end called without begin, or twice") }
        state = 2
        buffer.append(contentsOf: GeoJSONText.collectionEnd)
        try flush()
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func appendProperty(_ key: String, _ value: PropertyValue, first: inout Bool) {
        if !first { buffer.append(UInt8(ascii: ",")) }
        first = false
        GeoJSONText.appendString(key, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        switch value {
        case .null: buffer.append(contentsOf: "null".utf8)
        case .string(let s): GeoJSONText.appendString(s, to: &buffer)
        case .integer(let i): buffer.append(contentsOf: String(i).utf8)
        case .double(let d): GeoJSONText.appendNumber(d, to: &buffer)
        case .bool(let b): buffer.append(contentsOf: (b ? "true" : "false").utf8)
        case .date(let d): GeoJSONText.appendString(d.description, to: &buffer)
        }
    }
}
