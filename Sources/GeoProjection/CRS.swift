import Foundation
import CPROJ

/// A coordinate reference system, validated by PROJ when created.
///
/// The value keeps only its definition text and a few properties read at creation; PROJ
/// objects are rebuilt on demand in the calling thread's PROJ context, so a `CRS` can be shared
/// freely between tasks. Two values are equal when their definition texts are equal; use
/// `isEquivalent(to:)` to compare meaning.
public struct CRS: Sendable, Hashable, CustomStringConvertible {
    /// The text the CRS was created from (as given, except that `+type=crs` is appended to a
    /// PROJ string that lacks it).
    public let definition: String
    /// PROJ's name for the CRS, e.g. `WGS 84 / UTM zone 42N`.
    public let name: String
    /// True for a geographic (longitude/latitude) CRS, 2-D or 3-D.
    public let isGeographic: Bool
    /// The EPSG code, when the definition carries one or PROJ identifies the CRS with an EPSG
    /// entry at confidence 70 % or more; nil otherwise.
    public let epsgCode: Int?
    /// The unit of the first axis as PROJ names it (`degree`, `metre`, `US survey foot`), or nil
    /// when the CRS has no single coordinate system (e.g. a bound or compound CRS).
    public let unitName: String?

    /// Creates a CRS from `EPSG:n` (or any `AUTHORITY:code` PROJ knows), OGC WKT1/WKT2, ESRI WKT
    /// (the text of a shapefile's `.prj`), a PROJ string (`+proj=...`) or PROJJSON.
    /// - Throws: `ProjectionError.invalidCRS` with PROJ's message when PROJ rejects the text or it
    ///   does not describe a CRS; `.databaseNotFound` when `proj.db` is missing.
    public init(_ text: String) throws {
        // A .prj written by some tools starts with a UTF-8 byte-order mark.
        var trimmed = text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(["\u{FEFF}"]))
        if trimmed.hasPrefix("+"), !trimmed.contains("+type=crs") {
            trimmed += " +type=crs"
        }
        definition = trimmed
        let context = try ProjContext.current()
        let pj = try CRS.makePJ(trimmed, context: context)
        name = proj_get_name(pj.pointer).map { String(cString: $0) } ?? ""
        let type = proj_get_type(pj.pointer)
        isGeographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS
        epsgCode = CRS.identifyEPSG(pj)
        unitName = CRS.firstAxisUnit(pj)
        context.clearError()
    }

    /// Creates the CRS `EPSG:code`.
    /// - Throws: `ProjectionError.invalidCRS` when the code is unknown.
    public init(epsg code: Int) throws {
        try self.init("EPSG:\(code)")
    }

    /// WGS 84 longitude/latitude (`EPSG:4326`, used with x = longitude by `Transformer`).
    public static var wgs84: CRS { get throws { try CRS(epsg: 4326) } }
    /// Web Mercator (`EPSG:3857`), the CRS of XYZ map tiles.
    public static var webMercator: CRS { get throws { try CRS(epsg: 3857) } }

    /// The CRS as WKT.
    /// - Parameters:
    ///   - format: `.wkt2_2019` (default) or `.wkt1ESRI` (what a shapefile `.prj` holds).
    ///   - multiline: indent over several lines (default false: one line, as `.prj` files use).
    /// - Throws: `ProjectionError.exportFailed` when PROJ cannot express the CRS in that format.
    public func wkt(_ format: WKTFormat = .wkt2_2019, multiline: Bool = false) throws -> String {
        let context = try ProjContext.current()
        let pj = try CRS.makePJ(definition, context: context)
        context.clearError()
        let option = multiline ? "MULTILINE=YES" : "MULTILINE=NO"
        let text: String? = option.withCString { optionPointer in
            var options: [UnsafePointer<CChar>?] = [optionPointer, nil]
            // proj_as_wkt: NULL on failure; the string belongs to the PJ.
            return options.withUnsafeMutableBufferPointer { buffer in
                proj_as_wkt(context.handle, pj.pointer, format.projType, buffer.baseAddress)
                    .map { String(cString: $0) }
            }
        }
        guard let text else {
            throw ProjectionError.exportFailed(what: "\(format) WKT of \(name)",
                                               message: context.takeErrorMessage(default: "not representable"))
        }
        return text
    }

    /// The CRS as a PROJ string (`+proj=... +type=crs`).
    /// - Throws: `ProjectionError.exportFailed` when the CRS has no PROJ-string form.
    public func projString() throws -> String {
        let context = try ProjContext.current()
        let pj = try CRS.makePJ(definition, context: context)
        context.clearError()
        // proj_as_proj_string: NULL on failure.
        guard let text = proj_as_proj_string(context.handle, pj.pointer, PJ_PROJ_5, nil) else {
            throw ProjectionError.exportFailed(what: "PROJ string of \(name)",
                                               message: context.takeErrorMessage(default: "not representable"))
        }
        return String(cString: text)
    }

    /// True when both describe the same CRS, ignoring names and the axis order of geographic
    /// CRSs (`PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS`): the ESRI WKT `GCS_WGS_1984` is
    /// equivalent to `EPSG:4326`.
    /// - Throws: `.databaseNotFound` only (both values were validated at creation).
    public func isEquivalent(to other: CRS) throws -> Bool {
        let context = try ProjContext.current()
        let a = try CRS.makePJ(definition, context: context)
        let b = try CRS.makePJ(other.definition, context: context)
        // proj_is_equivalent_to_with_ctx: 1 equivalent, 0 not.
        let result = proj_is_equivalent_to_with_ctx(context.handle, a.pointer, b.pointer,
                                                    PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS)
        context.clearError()
        return result == 1
    }

    /// `EPSG:n (name)` when the EPSG code is known, else the name.
    public var description: String {
        if let epsgCode { return "EPSG:\(epsgCode) (\(name))" }
        return name
    }

    /// Builds the PROJ object for `text` on `context` and checks that it is a CRS.
    static func makePJ(_ text: String, context: ProjContext) throws -> PJHandle {
        context.clearError()
        guard let pointer = proj_create(context.handle, text) else {
            throw ProjectionError.invalidCRS(definition: text,
                                             message: context.takeErrorMessage(default: "not recognised by PROJ"))
        }
        let handle = PJHandle(pointer, context: context)
        // proj_is_crs: 1 for a CRS, 0 for an operation or other object.
        guard proj_is_crs(pointer) == 1 else {
            throw ProjectionError.invalidCRS(definition: text, message: "PROJ read it as a \(typeName(pointer)), not a CRS")
        }
        return handle
    }

    private static func typeName(_ pointer: OpaquePointer) -> String {
        switch proj_get_type(pointer) {
        case PJ_TYPE_ELLIPSOID: return "ellipsoid"
        case PJ_TYPE_CONVERSION, PJ_TYPE_TRANSFORMATION, PJ_TYPE_CONCATENATED_OPERATION,
             PJ_TYPE_OTHER_COORDINATE_OPERATION: return "coordinate operation"
        default: return "non-CRS object"
        }
    }

    /// EPSG code from the object's own identifier, else from `proj_identify` (confidence >= 70).
    private static func identifyEPSG(_ pj: PJHandle) -> Int? {
        if let auth = proj_get_id_auth_name(pj.pointer, 0), String(cString: auth).uppercased() == "EPSG",
           let code = proj_get_id_code(pj.pointer, 0) {
            return Int(String(cString: code))
        }
        var confidence: UnsafeMutablePointer<Int32>?
        // proj_identify: NULL on failure; otherwise a list sorted by decreasing confidence.
        guard let list = proj_identify(pj.context.handle, pj.pointer, "EPSG", nil, &confidence) else {
            pj.context.clearError()
            return nil
        }
        defer {
            proj_list_destroy(list)
            proj_int_list_destroy(confidence)
        }
        guard proj_list_get_count(list) > 0, let confidence, confidence[0] >= 70,
              let candidate = proj_list_get(pj.context.handle, list, 0) else { return nil }
        defer { proj_destroy(candidate) }
        guard let code = proj_get_id_code(candidate, 0) else { return nil }
        return Int(String(cString: code))
    }

    /// The unit name of axis 0 of the CRS's coordinate system.
    private static func firstAxisUnit(_ pj: PJHandle) -> String? {
        let ctx = pj.context.handle
        // proj_crs_get_coordinate_system: NULL for CRSs without one (bound, compound).
        guard let cs = proj_crs_get_coordinate_system(ctx, pj.pointer) else {
            pj.context.clearError()
            return nil
        }
        defer { proj_destroy(cs) }
        var unitName: UnsafePointer<CChar>?
        // proj_cs_get_axis_info: 1 on success.
        guard proj_cs_get_axis_info(ctx, cs, 0, nil, nil, nil, nil, &unitName, nil, nil) == 1,
              let unitName else { return nil }
        return String(cString: unitName)
    }
}

/// WKT dialects `CRS.wkt(_:)` can write.
public enum WKTFormat: Sendable, Hashable, CustomStringConvertible {
    /// OGC WKT2:2019 (ISO 19162:2019), the default.
    case wkt2_2019
    /// OGC WKT1 as GDAL writes it.
    case wkt1GDAL
    /// ESRI WKT1, the dialect of shapefile `.prj` files read by ArcGIS.
    case wkt1ESRI

    var projType: PJ_WKT_TYPE {
        switch self {
        case .wkt2_2019: return PJ_WKT2_2019
        case .wkt1GDAL: return PJ_WKT1_GDAL
        case .wkt1ESRI: return PJ_WKT1_ESRI
        }
    }

    /// The dialect's usual name.
    public var description: String {
        switch self {
        case .wkt2_2019: return "WKT2:2019"
        case .wkt1GDAL: return "WKT1 (GDAL)"
        case .wkt1ESRI: return "WKT1 (ESRI)"
        }
    }
}
