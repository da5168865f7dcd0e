import CGeoTIFF
import Foundation

/// The GeoKeys of a GeoTIFF (GeoTIFF 1.0 specification, section 2.7 and the key and code
/// tables of section 6), as names and values that libgeotiff takes in through `GTIFImport`.
///
/// Why `GTIFImport`: libgeotiff's key setter `GTIFKeySet` is a C variadic function, which Swift
/// cannot call, and its `GTIFSetFromProj4` (present in Debian's libgeotiff 1.7.1) only knows
/// `tmerc`, `utm` and `lcc` (`aea` and the rest are compiled out under `#ifdef notdef`). Its
/// metadata importer `GTIFImport` reads the same "GeoTIFF metadata" text that its `GTIFPrint`
/// and `listgeo` write, one line at a time through a plain (non-variadic) callback, and calls
/// `GTIFKeySet` itself; `GTIFWriteKeys` then encodes the key directory.
struct GeoKeySet: Equatable {
    /// One key's value: a SHORT code, a DOUBLE parameter or an ASCII citation.
    enum Value: Equatable {
        case short(Int)
        case double(Double)
        case ascii(String)
    }

    /// (libgeotiff key name, value), in the order given (libgeotiff sorts them when writing).
    var keys: [(name: String, value: Value)] = []

    static func == (a: GeoKeySet, b: GeoKeySet) -> Bool {
        a.keys.count == b.keys.count && zip(a.keys, b.keys).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    mutating func set(_ name: String, _ value: Value) { keys.append((name, value)) }

    // Code values (GeoTIFF 1.0 section 6.3).
    static let modelTypeProjected = 1, modelTypeGeographic = 2
    static let rasterPixelIsArea = 1
    static let userDefined = 32767
    static let linearMeter = 9001, angularDegree = 9102, primeMeridianGreenwich = 8901
    static let gcsWGS84 = 4326, datumWGS84 = 6326, ellipsoidWGS84 = 7030, ellipsoidGRS80 = 7019
    static let ctTransverseMercator = 1, ctLambertConfConic2SP = 8, ctLambertConfConic1SP = 9
    static let ctLambertAzimEqualArea = 10, ctAlbersEqualArea = 11

    /// Keys for an EPSG code: `GTModelTypeGeoKey` projected with `ProjectedCSTypeGeoKey`, or
    /// geographic with `GeographicTypeGeoKey`, as libgeotiff's own EPSG lookup (through PROJ's
    /// database: `GTIFGetPCSInfo`, `GTIFGetGCSInfo`) classifies the code; `RasterPixelIsArea`;
    /// the CRS name as `GTCitationGeoKey`. For a geographic code, PROJ (inside libgeotiff's
    /// projected lookup) prints "proj_create_from_database: crs not found" to stderr; PROJ's
    /// logger can only be silenced through the PROJ API, which GeoFormats does not import.
    /// - Throws: `GeoTIFFError.unsupportedCRS` when the code is out of the SHORT range of
    ///   GeoKeys or is neither a projected nor a geographic CRS.
    static func epsg(_ code: Int) throws -> GeoKeySet {
        guard code > 0, code < userDefined else {
            throw GeoTIFFError.unsupportedCRS("EPSG code \(code) is outside 1...32766, the range GeoKeys can hold; pass a PROJ string instead")
        }
        var keys = GeoKeySet()
        var name: UnsafeMutablePointer<CChar>?
        var a: Int16 = 0, b: Int16 = 0, c: Int16 = 0, d: Int16 = 0
        // GTIFGetPCSInfo / GTIFGetGCSInfo: TRUE (1) when the code is found as that kind of CRS.
        if GTIFGetPCSInfo(Int32(code), &name, &a, &b, &c) != 0 {
            keys.set("GTModelTypeGeoKey", .short(modelTypeProjected))
            keys.set("GTRasterTypeGeoKey", .short(rasterPixelIsArea))
            keys.set("ProjectedCSTypeGeoKey", .short(code))
        } else if GTIFGetGCSInfo(Int32(code), &name, &a, &b, &d) != 0 {
            keys.set("GTModelTypeGeoKey", .short(modelTypeGeographic))
            keys.set("GTRasterTypeGeoKey", .short(rasterPixelIsArea))
            keys.set("GeographicTypeGeoKey", .short(code))
        } else {
            throw GeoTIFFError.unsupportedCRS("EPSG:\(code) is neither a projected nor a geographic CRS in PROJ's database")
        }
        if let name {
            let text = String(cString: name)
            GTIFFreeMemory(name)
            keys.keys.insert(("GTCitationGeoKey", .ascii(text)), at: 2)
        }
        return keys
    }

    /// The `GTIFImport` text: header, no tags, the keys, trailer; one entry per line, without
    /// indentation (libgeotiff's parser does not skip leading blanks).
    var importLines: [String] {
        var lines = ["Geotiff_Information:", "Version: 1", "Key_Revision: 1.0", "Tagged_Information:", "End_Of_Tags.",
                     "Keyed_Information:"]
        for (name, value) in keys {
            switch value {
            case .short(let v):
                lines.append("\(name) (Short,1): Code-\(v)")
            case .double(let v):
                lines.append("\(name) (Double,1): \(String(format: "%.17g", v))")
            case .ascii(let s):
                // Count is the byte length plus the terminating NUL; the parser turns \n and \\ back.
                // libgeotiff reads a line into 1024 bytes: keep citations short and ASCII.
                let clean = String(String.UnicodeScalarView(s.unicodeScalars.prefix(900).map { $0.isASCII && $0 != "\n" ? $0 : "?" }))
                let escaped = clean.replacingOccurrences(of: "\\", with: "\\\\")
                lines.append("\(name) (Ascii,\(clean.utf8.count + 1)): \"\(escaped)\"")
            }
        }
        lines += ["End_Of_Keys.", "End_Of_Geotiff."]
        return lines
    }
}
