import Foundation
import GeoCore

/// Reads GeoJSON (RFC 7946, and the 2008 draft with its `crs` member) into a `FeatureCollection`.
///
/// Accepts a `FeatureCollection`, a single `Feature`, or a bare geometry (which becomes one
/// feature without properties). All seven geometry types are read, `"geometry": null` gives a
/// feature without geometry, 3-D positions keep `z`, and members this reader does not know
/// (foreign members, `bbox`, …) are ignored.
///
/// CRS: RFC 7946 files are WGS 84 longitude/latitude and get `crs = "EPSG:4326"`. A 2008 `crs`
/// member of type `name` is honoured: `urn:ogc:def:crs:OGC:1.3:CRS84`, `EPSG:4326` and
/// `urn:ogc:def:crs:EPSG::4326` all give `"EPSG:4326"` — in GeoJSON files the EPSG:4326 URN is
/// still longitude/latitude order in practice, and GDAL reads it that way, so do we; other names
/// become `EPSG:n` for `urn:ogc:def:crs:EPSG::n` / `EPSG:n` and are kept verbatim otherwise.
///
/// Properties: strings, booleans and null map directly; numbers written as integers that fit
/// in `Int64` become `.integer`, all other numbers `.double`. Nested objects and arrays become
/// `.string` holding their compact JSON text (numbers in that text are re-formatted).
/// `fields` lists every property name in first-seen order; a field's type merges over all
/// features (integer + real → real, any other mix → string, and the values of a field typed
/// string are then converted to text). With `detectDates` (the default), a field whose every
/// non-null value is a `YYYY-MM-DD` string is typed `.date` and its values become `.date`;
/// one value that is not a date keeps the whole field as strings.
///
/// Errors: `FormatError`; JSON syntax errors carry `line L, column C`, GeoJSON structure errors
/// carry the JSON path, e.g. `features[3].geometry.coordinates[0][2]`. A single bad feature
/// fails the whole read (a truncated or hand-edited file should not load half-way silently).
public enum GeoJSONReader {
    /// Reading options.
    public struct Options: Sendable, Hashable {
        /// Maximum nesting of JSON arrays/objects; deeper input is rejected. Default 128;
        /// values above 512 are treated as 512 (the parser recurses once per level).
        public var maxDepth: Int
        /// Type all-`YYYY-MM-DD` string fields as `.date`. Default true.
        public var detectDates: Bool

        /// Creates options; see the properties for the defaults.
        public init(maxDepth: Int = 128, detectDates: Bool = true) {
            self.maxDepth = maxDepth
            self.detectDates = detectDates
        }
    }

    /// Reads GeoJSON from memory.
    /// - Parameter name: the layer name when the document has no `name` member.
    /// - Throws: `FormatError` (see the type's documentation) with `file` nil.
    public static func read(_ data: Data, name: String? = nil, options: Options = Options()) throws -> FeatureCollection {
        let root = try JSONParser.parse(data, maxDepth: min(max(options.maxDepth, 1), 512))
        guard case .object(let object) = root else {
            throw FormatError(location: "$", "expected a GeoJSON object at the top level, found \(root.kindName)")
        }
        guard case .string(let type)? = object["type"] else {
            throw FormatError(location: "type", "expected a GeoJSON \"type\" string member")
        }
        var collection = FeatureCollection(name: name, crs: try crs(object["crs"]))
        var order = FieldOrder()
        if case .string(let n)? = object["name"] { collection.name = n }
        switch type {
        case "FeatureCollection":
            guard let items = object["features"]?.arrayElements else {
                throw FormatError(location: "features", "expected a \"features\" array")
            }
            collection.features.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                collection.features.append(try feature(item, path: "features[\(i)]", order: &order))
            }
        case "Feature":
            collection.features = [try feature(root, path: "$", order: &order)]
        default:
            guard let g = try GeoJSONGeometryDecoding.decode(root, path: "$") else { break }
            collection.features = [Feature(geometry: g)]
        }
        collection.fields = GeoJSONFieldInference.inferFields(&collection.features, order: order.names, detectDates: options.detectDates)
        return collection
    }

    /// Reads a GeoJSON file.
    /// - Throws: `FormatError` with `file` set to the path (also when the file cannot be read).
    public static func read(contentsOf url: URL, options: Options = Options()) throws -> FeatureCollection {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw FormatError(file: url.path, "cannot read the file: \(error.localizedDescription)")
        }
        do {
            return try read(data, name: url.deletingPathExtension().lastPathComponent, options: options)
        } catch let e as FormatError {
            throw e.inFile(url.path)
        }
    }

    private static func feature(_ value: JSONValue, path: String, order: inout FieldOrder) throws -> Feature {
        guard case .object(let object) = value else {
            throw FormatError(location: path, "expected a Feature object, found \(value.kindName)")
        }
        guard case .string("Feature")? = object["type"] else {
            throw FormatError(location: path + ".type", "expected \"type\": \"Feature\"")
        }
        var f = Feature(geometry: nil)
        switch object["id"] {
        case nil, .null?: break
        case .number(let d, let i)?: f.id = i.map { .integer($0) } ?? .string(JSONValue.shortest(d))
        case .string(let s)?: f.id = .string(s)
        case let other?: throw FormatError(location: path + ".id", "expected a number or string id, found \(other.kindName)")
        }
        guard let g = object["geometry"] else {
            throw FormatError(location: path + ".geometry", "missing \"geometry\" member (use null for none)")
        }
        f.geometry = try GeoJSONGeometryDecoding.decode(g, path: path + ".geometry")
        switch object["properties"] {
        case nil, .null?: break
        case .object(let props)?:
            f.properties.reserveCapacity(props.members.count)
            for m in props.members {
                f.properties[m.key] = propertyValue(m.value)
                order.note(m.key)
            }
        case let other?:
            throw FormatError(location: path + ".properties", "expected an object or null, found \(other.kindName)")
        }
        return f
    }

    private static func propertyValue(_ v: JSONValue) -> PropertyValue {
        switch v {
        case .null: .null
        case .bool(let b): .bool(b)
        case .string(let s): .string(s)
        case .number(let d, let i): i.map { .integer($0) } ?? .double(d)
        case .array, .numbers, .object: .string(v.jsonText)
        }
    }

    /// The `crs` member (2008 draft) as a CRS string; absent/null gives EPSG:4326.
    static func crs(_ value: JSONValue?) throws -> String {
        guard let value, case .object(let o) = value else { return "EPSG:4326" }
        guard case .string("name")? = o["type"], case .object(let p)? = o["properties"],
              case .string(let name)? = p["name"] else {
            return "EPSG:4326"  // "link"/"EPSG"-typed CRS objects of older drafts: assume the default.
        }
        let upper = name.uppercased()
        if upper.hasSuffix("CRS84") || upper.hasSuffix("CRS:84") { return "EPSG:4326" }
        for prefix in ["URN:OGC:DEF:CRS:EPSG::", "URN:OGC:DEF:CRS:EPSG:6.6:", "EPSG:"] where upper.hasPrefix(prefix) {
            let code = upper.dropFirst(prefix.count)
            if !code.isEmpty, code.allSatisfy(\.isNumber) { return "EPSG:\(code)" }
        }
        return name
    }
}

/// Property names in first-seen order.
struct FieldOrder {
    private(set) var names: [String] = []
    private var seen = Set<String>()

    mutating func note(_ name: String) {
        if seen.insert(name).inserted { names.append(name) }
    }
}
