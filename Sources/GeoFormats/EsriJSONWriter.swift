import Foundation
import GeoCore

/// Writes a `FeatureCollection` as an Esri JSON FeatureSet, the input of ArcGIS's
/// "JSON To Features" tool (and readable by GDAL's ESRIJSON driver).
///
/// Layout: `displayFieldName`, `fieldAliases`, `geometryType` (`esriGeometryPoint`,
/// `esriGeometryMultipoint`, `esriGeometryPolyline` or `esriGeometryPolygon`, chosen from the
/// features; a point layer containing any multipoint becomes a multipoint layer),
/// `spatialReference` `{wkid, latestWkid}`, `hasZ` when any coordinate has z, `fields` (an
/// `esriFieldTypeOID` field `OBJECTID` numbered from 1, then the collection's `allFields`
/// with types as documented on `EsriJSONSchema`), and `features` with `attributes` and
/// `geometry`. Dates are epoch milliseconds (UTC midnight); booleans 0/1; non-finite doubles
/// null. Polygon shells are written clockwise and holes counter-clockwise (Esri's rule), a
/// polygon's rings and a multipolygon's polygons all go into one `rings` array; lines become
/// `paths`. A feature without geometry has no `geometry` member.
public enum EsriJSONWriter {
    /// Writing options.
    public struct Options: Sendable, Hashable {
        /// The well-known ID of the coordinates' CRS, written as `spatialReference`. Default 4326.
        public var wkid: Int
        /// Fraction digits for coordinates, 0...15. Default 7.
        public var decimals: Int

        /// Creates options; see the properties for the defaults.
        public init(wkid: Int = 4326, decimals: Int = 7) {
            self.wkid = wkid
            self.decimals = decimals
        }
    }

    /// The FeatureSet as bytes.
    /// - Parameter transform: applied to every geometry first (e.g. to reach `wkid`), or nil.
    /// - Throws: `FormatError` for mixed geometry dimensions, a failing transform or a NaN/infinite coordinate.
    public static func data(for collection: FeatureCollection, options: Options = Options(),
                            transform: (any CoordinateTransforming)? = nil) throws -> Data {
        let schema = try EsriJSONSchema(collection)
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        out.append(contentsOf: "{\"displayFieldName\":\"\",\"fieldAliases\":{".utf8)
        let names = ["OBJECTID"] + schema.columns.map(\.name)
        for (i, n) in names.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendQuoted(n, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONText.appendQuoted(n, to: &out)
        }
        let latest = [102100, 102113, 900913].contains(options.wkid) ? 3857 : options.wkid
        out.append(contentsOf: "},\"geometryType\":\"\(schema.geometryType)\",".utf8)
        out.append(contentsOf: "\"spatialReference\":{\"wkid\":\(options.wkid),\"latestWkid\":\(latest)},".utf8)
        if schema.hasZ { out.append(contentsOf: "\"hasZ\":true,".utf8) }
        out.append(contentsOf: "\"fields\":[{\"name\":\"OBJECTID\",\"type\":\"esriFieldTypeOID\",\"alias\":\"OBJECTID\"}".utf8)
        for c in schema.columns {
            out.append(contentsOf: ",{\"name\":".utf8)
            JSONText.appendQuoted(c.name, to: &out)
            out.append(contentsOf: ",\"type\":\"\(c.esriType)\",\"alias\":".utf8)
            JSONText.appendQuoted(c.name, to: &out)
            if let l = c.length { out.append(contentsOf: ",\"length\":\(l)".utf8) }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "],\"features\":[\n".utf8)
        for (i, f) in collection.features.enumerated() {
            if i > 0 { out.append(contentsOf: ",\n".utf8) }
            out.append(contentsOf: "{\"attributes\":{\"OBJECTID\":\(i + 1)".utf8)
            for c in schema.columns {
                out.append(UInt8(ascii: ","))
                JSONText.appendQuoted(c.name, to: &out)
                out.append(UInt8(ascii: ":"))
                appendAttribute(f.properties[c.source] ?? .null, kind: c.kind, to: &out)
            }
            out.append(UInt8(ascii: "}"))
            if var g = f.geometry, !g.isEmpty {
                if let transform {
                    do { g = try g.transformed(by: transform) } catch {
                        throw FormatError(location: "features[\(i)]", "cannot transform the geometry: \(error)")
                    }
                }
                guard JSONNumberFormat.allFinite(g) else {
                    throw FormatError(location: "features[\(i)].geometry", "a coordinate is NaN or infinite; Esri JSON cannot hold it")
                }
                out.append(contentsOf: ",\"geometry\":".utf8)
                EsriJSONGeometryEncoding.append(g, geometryType: schema.geometryType, hasZ: schema.hasZ,
                                                decimals: options.decimals, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "\n]}\n".utf8)
        return Data(out)
    }

    /// Writes the FeatureSet to a file, replacing it.
    /// - Throws: `FormatError` with `file` set.
    public static func write(_ collection: FeatureCollection, to url: URL, options: Options = Options(),
                             transform: (any CoordinateTransforming)? = nil) throws {
        let bytes: Data
        do { bytes = try data(for: collection, options: options, transform: transform) } catch let e as FormatError {
            throw e.inFile(url.path)
        }
        do { try bytes.write(to: url) } catch {
            throw FormatError(file: url.path, "write failed: \(error.localizedDescription)")
        }
    }

    private static func appendAttribute(_ v: PropertyValue, kind: FieldType, to out: inout [UInt8]) {
        switch (kind, v) {
        case (_, .null): out.append(contentsOf: "null".utf8)
        case (.string, _): JSONText.appendQuoted(v.description, to: &out)
        case (.boolean, .bool(let b)): out.append(b ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        case (.date, .date(let d)): out.append(contentsOf: String(epochMilliseconds(d)).utf8)
        case (.integer, .integer(let i)): out.append(contentsOf: String(i).utf8)
        case (.real, .integer(let i)): out.append(contentsOf: String(i).utf8)
        case (_, _):
            if let d = v.doubleValue, d.isFinite { out.append(contentsOf: JSONValue.shortest(d).utf8) } else {
                out.append(contentsOf: "null".utf8)
            }
        }
    }

    /// Milliseconds from 1970-01-01T00:00Z to the date's midnight UTC (proleptic Gregorian).
    static func epochMilliseconds(_ d: CalendarDate) -> Int64 {
        // Days from civil (H. Hinnant's algorithm).
        let y = d.month <= 2 ? d.year - 1 : d.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (d.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + d.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Int64(days) * 86_400_000
    }
}
